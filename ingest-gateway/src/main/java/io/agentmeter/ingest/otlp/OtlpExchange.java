package io.agentmeter.ingest.otlp;

import io.agentmeter.ingest.auth.Authenticator;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.ingest.http.BodyHeaders;
import io.agentmeter.ingest.http.BodyReader;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.service.http.ErrorAnswer;
import io.agentmeter.service.http.ErrorMapper;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The HTTP side of an OTLP/HTTP export, the same for every signal: the ingest key, the encoding (Content-Type), the
 * body (gzip, chunked, bounded by {@code agentmeter.ingest.max-body-bytes}) and the answer per the OTLP specification
 * in the request's encoding: the export response with {@code partial_success} on success, a {@code google.rpc.Status}
 * with the HTTP status OTLP exporters act on otherwise (4xx for the client's own mistakes, which they do not retry).
 */
@Singleton
public class OtlpExchange {

    /** Decodes the body and exports it for the caller. */
    @FunctionalInterface
    public interface Export {
        ExportOutcome export(Caller caller, byte[] body, OtlpEncoding encoding);
    }

    private final Authenticator authenticator;
    private final IngestMetrics metrics;
    private final int maxBodyBytes;

    public OtlpExchange(Authenticator authenticator, IngestMetrics metrics, GatewayConfig config) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.maxBodyBytes = config.ingest().maxBodyBytes();
    }

    public Response answer(OtlpSignal signal, BodyHeaders headers, InputStream body, Export export) {
        // Errors before the Content-Type is known are answered in JSON, which people can read.
        OtlpEncoding encoding = OtlpEncoding.JSON;
        try {
            Caller caller = authenticator.ingestCaller(headers.authorization());
            encoding = OtlpEncoding.of(headers.contentType());
            byte[] bytes = BodyReader.read(body, BodyReader.encoding(headers.contentEncoding()),
                    headers.contentLength(), maxBodyBytes);
            ExportOutcome outcome = export.export(caller, bytes, encoding);
            return Response.ok(OtlpCodec.writeResponse(signal, outcome.rejected(), outcome.message(), encoding),
                    encoding.mediaType()).build();
        } catch (ErrorAnswer e) {
            metrics.requestRejected(e.status(), e.code());
            return status(e, encoding);
        }
    }

    private static Response status(ErrorAnswer e, OtlpEncoding encoding) {
        Response.ResponseBuilder answer = Response.status(e.status())
                .entity(OtlpCodec.writeStatus(OtlpCodec.grpcCode(e.status()), e.getMessage(), encoding))
                .type(encoding.mediaType());
        e.retryAfter().ifPresent(after -> answer.header(HttpHeaders.RETRY_AFTER, ErrorMapper.retryAfterSeconds(after)));
        if (e.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.build();
    }
}
