package io.agentmeter.query.http;

import io.agentmeter.query.metrics.QueryMetrics;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become answers: always JSON ({@link ApiError}), with Retry-After where it applies; each
 * counted by status and code ({@link QueryMetrics}), a database failure also as one.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final QueryMetrics metrics;

    public ErrorMapper(QueryMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return render(e);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return render(ApiException.notFound("no such resource"));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return render(new ApiException(405, "method_not_allowed", "method not allowed here; allowed: "
                + e.getResponse().getAllowedMethods(), List.of(), null));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return render(new ApiException(406, "not_acceptable", "Accept: this endpoint answers application/json or"
                + " text/csv (export also application/x-ndjson)",
                List.of(new ApiError.ParameterError("Accept", "names no format this endpoint produces")), null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return render(new ApiException(status, status >= 500 ? "internal_error" : "bad_request",
                e.getMessage() == null ? "request failed" : e.getMessage(), List.of(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure answering a request", e);
        return render(new ApiException(500, "internal_error", "the query API failed unexpectedly", List.of(), null));
    }

    /** The answer for {@code e}: JSON whatever the request asked for. */
    private Response render(ApiException e) {
        metrics.rejected(e.status(), e.code());
        if (Database.isDatabaseError(e.code())) {
            metrics.databaseError(QueryMetrics.REQUEST, e.code());
        }
        Response.ResponseBuilder answer = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(e.toBody());
        e.retryAfter().ifPresent(after -> answer.header(HttpHeaders.RETRY_AFTER,
                Math.max(1, (after.toMillis() + 999) / 1000)));
        if (e.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.build();
    }
}
