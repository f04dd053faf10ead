package io.agentmeter.ingest.http;

import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.service.http.ErrorAnswer;
import io.agentmeter.service.http.ErrorMapper;
import io.agentmeter.service.http.ServiceErrors;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The gateway's words for the shared error answers ({@link ErrorMapper}, {@code StorableParameters}): fields named by
 * {@link ApiException#of}, every error answer counted ({@link IngestMetrics#requestRejected}), and the one answer only
 * the gateway gives: 415 for a Content-Type it does not take.
 */
@Singleton
public class GatewayErrors implements ServiceErrors {

    private final IngestMetrics metrics;

    public GatewayErrors(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public ErrorAnswer fieldError(int status, String code, String field, String reason) {
        return ApiException.of(status, code, field, reason);
    }

    @Override
    public void count(ErrorAnswer answer) {
        metrics.requestRejected(answer.status(), answer.code());
    }

    @Override
    public String unexpectedFailure() {
        return "the gateway failed unexpectedly; the request may be retried";
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        ApiException answer = ApiException.of(415, "unsupported_media_type", "Content-Type",
                "is not accepted here; send application/json");
        count(answer);
        return ErrorMapper.render(answer);
    }
}
