package io.agentmeter.ingest.http;

import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.service.http.ErrorMapper;
import io.agentmeter.service.http.ServiceErrors;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The gateway's words for the shared error answers ({@link ErrorMapper}, {@code StorableParameters}): fields named by
 * {@link ApiException#of}, every error answer counted ({@link IngestMetrics#requestRejected}), its 500 sentence; and
 * the one answer only the gateway gives, 415 for a Content-Type it does not take.
 */
@Singleton
public class GatewayErrors {

    private final ServiceErrors errors;

    public GatewayErrors(ServiceErrors errors) {
        this.errors = errors;
    }

    @Produces
    @Singleton
    static ServiceErrors serviceErrors(IngestMetrics metrics) {
        return new ServiceErrors(ApiException::of, answer -> metrics.requestRejected(answer.status(), answer.code()),
                "the gateway failed unexpectedly; the request may be retried");
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        ApiException answer = ApiException.of(415, "unsupported_media_type", "Content-Type",
                "is not accepted here; send application/json");
        errors.count(answer);
        return ErrorMapper.render(answer);
    }
}
