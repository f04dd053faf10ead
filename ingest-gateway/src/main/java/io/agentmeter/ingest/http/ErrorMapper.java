package io.agentmeter.ingest.http;

import io.agentmeter.ingest.metrics.IngestMetrics;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place exceptions become answers: always JSON ({@link ApiError}), with Retry-After where it applies. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final IngestMetrics metrics;

    public ErrorMapper(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return toResponse(new ApiException(404, "not_found", "no such resource", List.of()));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return toResponse(new ApiException(405, "method_not_allowed", "method not allowed here; allowed: "
                + e.getResponse().getAllowedMethods(), List.of()));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return toResponse(ApiException.of(415, "unsupported_media_type", "Content-Type",
                "is not accepted here; send application/json"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return toResponse(new ApiException(status, status >= 500 ? "internal_error" : "bad_request",
                e.getMessage() == null ? "request failed" : e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure answering a request", e);
        return toResponse(new ApiException(500, "internal_error",
                "the gateway failed unexpectedly; the request may be retried", List.of()));
    }

    private Response toResponse(ApiException e) {
        metrics.requestRejected(e.status(), e.code());
        return render(e);
    }

    /** The answer for {@code e}, without counting it (for resources that answer errors themselves). */
    public static Response render(ApiException e) {
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
    public static long retryAfterSeconds(java.time.Duration after) {
        long millis = Math.max(after.toMillis(), 1);
        return Math.max(1, (millis + 999) / 1000);
    }
}
