package io.agentmeter.ingest.turns;

import io.agentmeter.ingest.auth.Authenticator;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.ingest.http.BodyHeaders;
import io.agentmeter.ingest.http.BodyReader;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The HTTP side of a batch of events, the same for {@code POST /v1/turns} and {@code POST /v1/activity}: the ingest
 * key, the layout (Content-Type, {@link BatchFormat}), the body (gzip, chunked, bounded by
 * {@code agentmeter.ingest.max-body-bytes}) and the answer: the {@link BatchResult}, 200 when every item was accepted,
 * 400 when any was rejected.
 */
@Singleton
public class BatchExchange {

    /** Ingests the body's events for the caller. */
    @FunctionalInterface
    public interface Ingest {
        BatchResult ingest(Caller caller, byte[] body, BatchFormat format);
    }

    private final Authenticator authenticator;
    private final int maxBodyBytes;

    public BatchExchange(Authenticator authenticator, GatewayConfig config) {
        this.authenticator = authenticator;
        this.maxBodyBytes = config.ingest().maxBodyBytes();
    }

    public Response answer(BodyHeaders headers, InputStream body, Ingest ingest) {
        Caller caller = authenticator.ingestCaller(headers.authorization());
        BatchFormat format = BatchFormat.of(headers.contentType());
        BodyReader.Encoding encoding = BodyReader.encoding(headers.contentEncoding());
        byte[] events = BodyReader.read(body, encoding, headers.contentLength(), maxBodyBytes);
        BatchResult result = ingest.ingest(caller, events, format);
        return Response.status(result.allAccepted() ? 200 : 400)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(result)
                .build();
    }
}
