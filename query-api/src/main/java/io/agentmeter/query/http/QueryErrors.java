package io.agentmeter.query.http;

import io.agentmeter.query.metrics.QueryMetrics;
import io.agentmeter.service.db.Database;
import io.agentmeter.service.http.ErrorMapper;
import io.agentmeter.service.http.ServiceErrors;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The query API's words for the shared error answers ({@link ErrorMapper}, {@code StorableParameters}): parameters
 * named by {@link ApiException#of}, every error answer counted by status and code ({@link QueryMetrics}), a database
 * failure also as one, its 500 sentence; and the one answer only the query API gives, 406 for an Accept it cannot
 * serve.
 */
@Singleton
public class QueryErrors {

    private final ServiceErrors errors;

    public QueryErrors(ServiceErrors errors) {
        this.errors = errors;
    }

    @Produces
    @Singleton
    static ServiceErrors serviceErrors(QueryMetrics metrics) {
        return new ServiceErrors(ApiException::of, answer -> {
            metrics.rejected(answer.status(), answer.code());
            if (Database.isDatabaseError(answer.code())) {
                metrics.databaseError(QueryMetrics.REQUEST, answer.code());
            }
        }, "the query API failed unexpectedly");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        ApiException answer = new ApiException(406, "not_acceptable", "Accept: this endpoint answers application/json"
                + " or text/csv (export also application/x-ndjson)",
                List.of(new ApiError.ParameterError("Accept", "names no format this endpoint produces")), null);
        errors.count(answer);
        return ErrorMapper.render(answer);
    }
}
