package io.agentmeter.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.ingest.otlp.grpc.OtlpGrpcServer;
import io.agentmeter.ingest.turns.TurnHeaders;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * OTLP/gRPC on the gateway's own gRPC port with the real broker: the OpenTelemetry Java SDK's gRPC exporters (gzip)
 * as the agents' exporters are configured by default, and a plain grpc-java client for the answers the SDK hides
 * (partial success, status codes).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OtlpGrpcIT {

    @Inject
    OtlpGrpcServer grpc;

    @Test
    void shouldTurnClaudeCodeLogEventsSentOverGrpcIntoTheSameTurnsAsOverHttp() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint())
                .addHeader("Authorization", "Bearer " + key).setCompression("gzip").build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "claude-code"))))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
        Logger events = provider.loggerBuilder("com.anthropic.claude_code.events").build();
        for (int copy = 0; copy < 2; copy++) { // an exporter's retry: the same record twice
            events.logRecordBuilder().setTimestamp(at).setBody("claude_code.api_request")
                    .setAttribute("event.name", "api_request").setAttribute("event.timestamp", at.toString())
                    .setAttribute("session.id", "cc-" + tenant).setAttribute("prompt.id", "p-1")
                    .setAttribute("model", "claude-sonnet-4-5").setAttribute("input_tokens", "1200")
                    .setAttribute("output_tokens", "300").setAttribute("duration_ms", "2100").emit();
        }
        assertThat(provider.forceFlush().join(15, TimeUnit.SECONDS).isSuccess()).isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);

        List<ConsumerRecord<String, byte[]>> records = Gateway.turnsOf(tenant, 2);
        assertThat(records).hasSize(2);
        JsonNode turn = Gateway.tree(records.get(0).value());
        assertThat(Gateway.tree(records.get(1).value())).isEqualTo(turn);
        assertThat(turn.get("event_id").textValue()).matches("cc-otlp:[0-9a-f]{32}");
        assertThat(turn.get("session_id").textValue()).isEqualTo("cc-" + tenant);
        assertThat(turn.get("usage").get("input_tokens").longValue()).isEqualTo(1200);
        assertThat(Instant.parse(turn.get("occurred_at").textValue())).isEqualTo(at);
        assertThat(Gateway.header(records.get(0), TurnHeaders.SOURCE)).isEqualTo("otlp");
    }

    @Test
    void shouldTakeGenAiSpansAndIgnoreMetricsOverGrpc() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        OtlpGrpcSpanExporter spans = OtlpGrpcSpanExporter.builder().setEndpoint(endpoint())
                .addHeader("Authorization", "Bearer " + key).build();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build();
        Instant start = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Span chat = tracing.get("grpc-it").spanBuilder("chat gpt-4o").setStartTimestamp(start)
                .setAttribute("gen_ai.request.model", "gpt-4o").setAttribute("gen_ai.provider.name", "openai")
                .setAttribute("gen_ai.conversation.id", "conv-" + tenant)
                .setAttribute("gen_ai.usage.input_tokens", 1000L).setAttribute("gen_ai.usage.output_tokens", 200L)
                .startSpan();
        chat.end(start.plusMillis(1500));
        assertThat(tracing.forceFlush().join(15, TimeUnit.SECONDS).isSuccess()).isTrue();
        tracing.shutdown().join(10, TimeUnit.SECONDS);

        OtlpGrpcMetricExporter metricExporter = OtlpGrpcMetricExporter.builder().setEndpoint(endpoint())
                .addHeader("Authorization", "Bearer " + key).build();
        SdkMeterProvider meters = SdkMeterProvider.builder()
                .registerMetricReader(PeriodicMetricReader.builder(metricExporter).build()).build();
        meters.get("claude_code").counterBuilder("claude_code.token.usage").build().add(1500,
                Attributes.of(AttributeKey.stringKey("type"), "input"));
        assertThat(meters.forceFlush().join(15, TimeUnit.SECONDS).isSuccess()).as("metrics accepted").isTrue();
        meters.shutdown().join(10, TimeUnit.SECONDS);

        List<ConsumerRecord<String, byte[]>> records = Gateway.turnsOf(tenant, 1);
        assertThat(records).hasSize(1);
        JsonNode turn = Gateway.tree(records.get(0).value());
        assertThat(turn.get("event_id").textValue())
                .isEqualTo(chat.getSpanContext().getTraceId() + "-" + chat.getSpanContext().getSpanId());
        assertThat(turn.get("usage").get("output_tokens").longValue()).isEqualTo(200);
    }

    @Test
    void shouldAnswerPartialSuccessAndStatusCodesAsTheOtlpSpecificationSays() throws Exception {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", grpc.port()).usePlaintext().build();
        try {
            ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(
                    ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                            .addLogRecords(apiRequest(tenant, "-5"))
                            .addLogRecords(LogRecord.newBuilder().setBody(text("claude_code.plugin_loaded"))
                                    .addAttributes(attribute("event.name", "plugin_loaded"))))).build();

            ExportLogsServiceResponse answer = LogsServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(key)))
                    .withDeadlineAfter(15, TimeUnit.SECONDS).export(request);
            assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
            assertThat(answer.getPartialSuccess().getErrorMessage()).contains("input_tokens")
                    .contains("accepted and ignored");

            assertThatThrownBy(() -> LogsServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(15, TimeUnit.SECONDS).export(request))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                        assertThat(e.getStatus().getDescription()).containsIgnoringCase("key");
                    });
            assertThatThrownBy(() -> LogsServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer("am_ingest_unknown")))
                    .withDeadlineAfter(15, TimeUnit.SECONDS).export(request))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private String endpoint() {
        assertThat(grpc.port()).as("the gateway serves OTLP/gRPC").isPositive();
        return "http://localhost:" + grpc.port();
    }

    private static Metadata bearer(String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return headers;
    }

    private static LogRecord apiRequest(String tenant, String inputTokens) {
        return LogRecord.newBuilder().setTimeUnixNano(Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli()
                        * 1_000_000L).setBody(text("claude_code.api_request"))
                .addAttributes(attribute("event.name", "api_request"))
                .addAttributes(attribute("session.id", "cc-" + tenant))
                .addAttributes(attribute("model", "claude-sonnet-4-5"))
                .addAttributes(attribute("input_tokens", inputTokens))
                .addAttributes(attribute("output_tokens", "3")).build();
    }

    private static KeyValue attribute(String name, String value) {
        return KeyValue.newBuilder().setKey(name).setValue(text(value)).build();
    }

    private static AnyValue text(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }
}
