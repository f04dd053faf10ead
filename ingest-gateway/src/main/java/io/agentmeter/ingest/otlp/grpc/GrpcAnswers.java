package io.agentmeter.ingest.otlp.grpc;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.agentmeter.ingest.auth.Authenticator;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.ingest.otlp.ExportOutcome;
import io.agentmeter.ingest.otlp.OtlpCodec;
import io.agentmeter.ingest.otlp.OtlpSignal;
import io.agentmeter.service.http.ErrorAnswer;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * What every OTLP/gRPC export has in common, as {@code OtlpExchange} is for OTLP/HTTP: the ingest key from the call's
 * metadata, the export, and the answer per the OTLP specification: the response with {@code partial_success} on
 * success, else the gRPC status OTLP pairs with the HTTP one ({@code OtlpCodec.grpcCode}: the client's own mistakes
 * are not retried), with a {@code RetryInfo} when the client should come back later (rate limit, Kafka away).
 */
final class GrpcAnswers {

    private static final Logger LOG = Logger.getLogger(GrpcAnswers.class);

    private final Authenticator authenticator;
    private final IngestMetrics metrics;

    GrpcAnswers(Authenticator authenticator, IngestMetrics metrics) {
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    /**
     * Answers one export call of {@code signal}: {@code export} runs for the caller behind the call's key, and its
     * outcome becomes the signal's response ({@code R}, the response message of the service's stub).
     */
    @SuppressWarnings("unchecked")
    <Q, R> void answer(OtlpSignal signal, Q request, StreamObserver<R> observer,
                       BiFunction<Caller, Q, ExportOutcome> export) {
        R answer;
        try {
            Caller caller = authenticator.ingestCaller(BearerMetadata.AUTHORIZATION.get());
            answer = (R) signal.response(export.apply(caller, request));
        } catch (ErrorAnswer e) {
            metrics.requestRejected(e.status(), e.code());
            observer.onError(StatusProto.toStatusRuntimeException(status(e)));
            return;
        } catch (RuntimeException e) {
            // Internals go to the log only; the client learns that it was not its mistake.
            LOG.error("OTLP/gRPC export failed", e);
            observer.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(io.grpc.Status.Code.INTERNAL.value()).setMessage("internal error").build()));
            return;
        }
        observer.onNext(answer);
        observer.onCompleted();
    }

    static com.google.rpc.Status status(ErrorAnswer e) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(OtlpCodec.grpcCode(e.status())).setMessage(e.getMessage());
        e.retryAfter().ifPresent(after -> status.addDetails(Any.pack(RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(Math.max(1, after.toSeconds())))
                .build())));
        return status.build();
    }
}
