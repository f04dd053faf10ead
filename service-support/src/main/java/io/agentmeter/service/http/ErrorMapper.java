package io.agentmeter.service.http;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become answers: always JSON ({@link ErrorBody}), with Retry-After where it applies and
 * {@code WWW-Authenticate: Bearer} on 401; each counted by the service ({@link ServiceErrors#count}). An exception a
 * service answers in its own way (the gateway's 415, the query API's 406) is mapped by that service, with
 * {@link #answer}.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final ServiceErrors service;

    public ErrorMapper(ServiceErrors service) {
        this.service = service;
    }

    @ServerExceptionMapper
    public Response api(ErrorAnswer e) {
        return answer(e);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return answer(new ErrorAnswer(404, "not_found", "no such resource", List.of(), null));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return answer(new ErrorAnswer(405, "method_not_allowed", "method not allowed here; allowed: "
                + e.getResponse().getAllowedMethods(), List.of(), null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return answer(new ErrorAnswer(status, status >= 500 ? "internal_error" : "bad_request",
                e.getMessage() == null ? "request failed" : e.getMessage(), List.of(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure answering a request", e);
        return answer(new ErrorAnswer(500, "internal_error", service.unexpectedFailure(), List.of(), null));
    }

    /** The answer for {@code e}, counted. */
    public Response answer(ErrorAnswer e) {
        service.count(e);
        return render(e);
    }

    /** The answer for {@code e}, without counting it (for resources that answer errors themselves). */
    public static Response render(ErrorAnswer e) {
        Response.ResponseBuilder answer = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(e.toBody());
        e.retryAfter().ifPresent(after -> answer.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(after)));
        if (e.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.build();
    }

    /** Retry-After in whole seconds, rounded up and at least 1 (RFC 9110 delay-seconds). */
    public static long retryAfterSeconds(Duration after) {
        long millis = Math.max(after.toMillis(), 1);
        return Math.max(1, (millis + 999) / 1000);
    }
}
