package io.agentmeter.ingest.otlp.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Carries a call's {@code authorization} metadata (what {@code OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer …"}
 * sends) to the service that checks it, as the HTTP paths read the header of the same name.
 */
final class BearerMetadata implements ServerInterceptor {

    static final Context.Key<String> AUTHORIZATION = Context.key("agentmeter-authorization");
    private static final Metadata.Key<String> HEADER = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(AUTHORIZATION, headers.get(HEADER)), call, headers,
                next);
    }
}
