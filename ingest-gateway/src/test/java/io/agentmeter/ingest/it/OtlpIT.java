package io.agentmeter.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.agentmeter.ingest.turns.TurnHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /v1/traces with the real OpenTelemetry SDK and its OTLP/HTTP exporter as the client. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OtlpIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldTurnGenAiSpansFromTheSdkExporterIntoTurnEvents(boolean json) throws Exception {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        RecordingExporter exporter = new RecordingExporter(exporter(key, json));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().toBuilder().put("service.name", "agent-under-test").build())
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        Tracer tracer = provider.get("otlp-it");
        Instant start = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Instant end = start.plusMillis(2345);

        Span agent = tracer.spanBuilder("invoke_agent researcher").setStartTimestamp(start)
                .setAttribute("gen_ai.operation.name", "invoke_agent")
                .setAttribute("gen_ai.agent.name", "researcher")
                .setAttribute("gen_ai.usage.input_tokens", 999L)
                .startSpan();
        Span chat = tracer.spanBuilder("chat gpt-4o").setStartTimestamp(start)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "openai")
                .setAttribute("gen_ai.request.model", "gpt-4o")
                .setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06")
                .setAttribute("gen_ai.conversation.id", "conv-" + tenant)
                .setAttribute("gen_ai.agent.name", "researcher")
                .setAttribute("gen_ai.request.temperature", 0.25)
                .setAttribute("gen_ai.request.max_tokens", 512L)
                .setAttribute("gen_ai.usage.input_tokens", 1000L)
                .setAttribute("gen_ai.usage.output_tokens", 200L)
                .setAttribute("gen_ai.usage.cache_read.input_tokens", 600L)
                .setAttribute("gen_ai.usage.cache_creation.input_tokens", 100L)
                .setAttribute("gen_ai.usage.reasoning.output_tokens", 50L)
                .startSpan();
        chat.end(end);
        Span failed = tracer.spanBuilder("chat claude").setStartTimestamp(start)
                .setAttribute("gen_ai.request.model", "claude-sonnet-4-5")
                .setAttribute("gen_ai.provider.name", "anthropic")
                .setAttribute(AttributeKey.stringKey("error.type"), "overloaded_error")
                .startSpan();
        failed.setStatus(StatusCode.ERROR, "529 overloaded");
        failed.end(end);
        Span invalid = tracer.spanBuilder("chat broken").setStartTimestamp(start)
                .setAttribute("gen_ai.request.model", "gpt-4o")
                .setAttribute("gen_ai.usage.input_tokens", -3L)
                .startSpan();
        invalid.end(end);
        Span http = tracer.spanBuilder("GET /search").setStartTimestamp(start)
                .setAttribute("http.request.method", "GET").startSpan();
        http.end(end);
        agent.end(end);
        assertThat(provider.forceFlush().join(15, TimeUnit.SECONDS).isSuccess()).isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);
        assertThat(exporter.results).hasSize(5).allSatisfy(result -> assertThat(result.isSuccess()).isTrue());

        List<ConsumerRecord<String, byte[]>> records = Gateway.turnsOf(tenant, 2);
        assertThat(records).hasSize(2);
        Map<String, ConsumerRecord<String, byte[]>> byId = records.stream().collect(Collectors.toMap(
                r -> Gateway.tree(r.value()).get("event_id").textValue(), Function.identity()));

        String chatId = chat.getSpanContext().getTraceId() + "-" + chat.getSpanContext().getSpanId();
        ConsumerRecord<String, byte[]> chatRecord = byId.get(chatId);
        assertThat(chatRecord).isNotNull();
        assertThat(chatRecord.key()).isEqualTo(tenant + ":conv-" + tenant);
        assertThat(Gateway.header(chatRecord, TurnHeaders.SOURCE)).isEqualTo("otlp");
        assertThat(Gateway.header(chatRecord, TurnHeaders.SCHEMA_VERSION)).isEqualTo("1");
        JsonNode event = Gateway.tree(chatRecord.value());
        assertThat(event.get("tenant_id").textValue()).isEqualTo(tenant);
        assertThat(event.get("session_id").textValue()).isEqualTo("conv-" + tenant);
        assertThat(event.get("conversation_id").textValue()).isEqualTo("conv-" + tenant);
        assertThat(event.get("model").textValue()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(event.get("provider").textValue()).isEqualTo("openai");
        assertThat(event.get("agent").textValue()).isEqualTo("researcher");
        assertThat(Instant.parse(event.get("occurred_at").textValue())).isEqualTo(end);
        assertThat(Instant.parse(event.get("started_at").textValue())).isEqualTo(start);
        assertThat(event.get("duration_ms").longValue()).isEqualTo(2345);
        assertThat(event.get("status").textValue()).isEqualTo("ok");
        assertThat(event.get("usage")).isEqualTo(Gateway.tree("""
                {"input_tokens": 1000, "output_tokens": 200, "cache_read_tokens": 600, "cache_write_tokens": 100,
                 "reasoning_tokens": 50}""".getBytes(StandardCharsets.UTF_8)));
        assertThat(event.get("params").get("max_tokens").longValue()).isEqualTo(512);
        assertThat(event.get("params").get("temperature").decimalValue()).isEqualByComparingTo("0.25");

        String failedId = failed.getSpanContext().getTraceId() + "-" + failed.getSpanContext().getSpanId();
        JsonNode failedEvent = Gateway.tree(byId.get(failedId).value());
        assertThat(failedEvent.get("status").textValue()).isEqualTo("error");
        assertThat(failedEvent.get("error_type").textValue()).isEqualTo("overloaded_error");
        assertThat(failedEvent.get("session_id").textValue()).isEqualTo(failed.getSpanContext().getTraceId());
        assertThat(failedEvent.has("usage")).isFalse();
    }

    @Test
    void shouldPutTheToolSpansOfABatchIntoTheToolsOfTheChatSpanThatAskedForThem() throws Exception {
        String tenant = Gateway.newTenant();
        RecordingExporter exporter = new RecordingExporter(exporter(Gateway.newKey(tenant), false));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofMinutes(5)).build())
                .build();
        Tracer tracer = provider.get("otlp-it");
        Instant start = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

        Span agent = tracer.spanBuilder("invoke_agent coder").setStartTimestamp(start)
                .setAttribute("gen_ai.operation.name", "invoke_agent").startSpan();
        Context inAgent = Context.root().with(agent);
        Span asking = chat(tracer, inAgent, start, 1000);
        tool(tracer, inAgent, "read_file", start.plusMillis(1000), 120, false);
        tool(tracer, inAgent, "read_file", start.plusMillis(1000), 80, false);
        tool(tracer, inAgent, "bash", start.plusMillis(1200), 2000, true);
        Span answering = chat(tracer, inAgent, start.plusMillis(3500), 500);
        agent.end(start.plusMillis(4000));
        assertThat(provider.forceFlush().join(15, TimeUnit.SECONDS).isSuccess()).isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);
        assertThat(exporter.results).as("one export of all spans").hasSize(1);

        Map<String, JsonNode> turns = Gateway.turnsOf(tenant, 2).stream().map(r -> Gateway.tree(r.value()))
                .collect(Collectors.toMap(turn -> turn.get("event_id").textValue(), Function.identity()));
        assertThat(turns).hasSize(2);
        assertThat(turns.get(eventId(asking)).get("tools")).isEqualTo(Gateway.tree("""
                [{"name": "read_file", "calls": 2, "duration_ms": 200},
                 {"name": "bash", "calls": 1, "duration_ms": 2000}]""".getBytes(StandardCharsets.UTF_8)));
        assertThat(turns.get(eventId(answering)).has("tools")).isFalse();
    }

    private static Span chat(Tracer tracer, Context parent, Instant start, long millis) {
        Span chat = tracer.spanBuilder("chat gpt-4o").setParent(parent).setStartTimestamp(start)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.request.model", "gpt-4o")
                .setAttribute("gen_ai.usage.input_tokens", 100L)
                .setAttribute("gen_ai.usage.output_tokens", 20L)
                .startSpan();
        chat.end(start.plusMillis(millis));
        return chat;
    }

    private static void tool(Tracer tracer, Context parent, String name, Instant start, long millis, boolean fails) {
        Span tool = tracer.spanBuilder("execute_tool " + name).setParent(parent).setStartTimestamp(start)
                .setAttribute("gen_ai.operation.name", "execute_tool")
                .setAttribute("gen_ai.tool.name", name)
                .setAttribute("gen_ai.tool.type", "function")
                .setAttribute("gen_ai.tool.call.id", "call_" + name + "_" + millis)
                .startSpan();
        if (fails) {
            tool.setStatus(StatusCode.ERROR, "exit code 1");
        }
        tool.end(start.plusMillis(millis));
    }

    private static String eventId(Span span) {
        return span.getSpanContext().getTraceId() + "-" + span.getSpanContext().getSpanId();
    }

    @Test
    void shouldAnswerWithPartialSuccessCountingRejectedSpansAndNamingIgnoredOnes() throws Exception {
        String tenant = Gateway.newTenant();
        long end = Instant.now().minusSeconds(30).toEpochMilli() * 1_000_000L;
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(span("0102030405060708", "model", "gpt-4o", end))
                        .addSpans(span("1112131415161718", "model", "gpt-4o", 0))
                        .addSpans(span("2122232425262728", "http.route", "/x", end))
                        .addSpans(tool("3132333435363738", "1112131415161718", end))
                        .addSpans(tool("4142434445464748", "", end))))
                .build();
        byte[] answer = given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/x-protobuf")
                .body(request.toByteArray())
                .when().post("/v1/traces")
                .then().statusCode(200).contentType("application/x-protobuf")
                .extract().asByteArray();
        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer);
        assertThat(response.getPartialSuccess().getRejectedSpans()).as("the rejected turn and its tool span")
                .isEqualTo(2);
        assertThat(response.getPartialSuccess().getErrorMessage())
                .contains("1 GenAI span(s) rejected")
                .contains("(model span, with its 1 execute_tool span(s)): $.occurred_at: is required")
                .contains("2 span(s) accepted and ignored: 1 no_genai_model_or_usage, "
                        + "1 execute_tool:no_model_call_in_export (no model call in this export is its parent or a"
                        + " sibling that ended before it started)");
        assertThat(Gateway.turnsOf(tenant, 1)).hasSize(1);
    }

    @Test
    void shouldReadOtlpJsonWithHexIdsAndAnswerInJson() {
        String tenant = Gateway.newTenant();
        String end = Long.toString(Instant.now().minusSeconds(30).toEpochMilli() * 1_000_000L);
        String body = """
                {"resourceSpans": [{"resource": {"attributes": []}, "scopeSpans": [{"spans": [
                  {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174", "name": "chat",
                   "kind": 3, "startTimeUnixNano": "%s", "endTimeUnixNano": "%s",
                   "attributes": [{"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o-mini"}},
                                  {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "42"}}],
                   "status": {"code": 2}}
                ]}]}]}""".formatted(end, end);
        given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/json").body(body)
                .when().post("/v1/traces")
                .then().statusCode(200).contentType("application/json")
                .body("partialSuccess", org.hamcrest.Matchers.nullValue());
        JsonNode event = Gateway.tree(Gateway.turnsOf(tenant, 1).get(0).value());
        assertThat(event.get("event_id").textValue()).isEqualTo("5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174");
        assertThat(event.get("session_id").textValue()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(event.get("usage").get("input_tokens").longValue()).isEqualTo(42);
        assertThat(event.get("status").textValue()).isEqualTo("error");
        assertThat(event.get("duration_ms").longValue()).isZero();
    }

    @Test
    void shouldAnswerErrorsAsOtlpStatusInTheRequestsEncoding() {
        given().contentType("application/json").body("{}")
                .when().post("/v1/traces")
                .then().statusCode(401).contentType("application/json")
                .body("code", org.hamcrest.Matchers.equalTo(16))
                .body("message", org.hamcrest.Matchers.containsString("Authorization"));
        String key = Gateway.newKey(Gateway.newTenant());
        given().auth().oauth2(key).contentType("application/json").body("{\"resourceSpans\": [{\"scopeSpans\": [{"
                        + "\"spans\": [{\"traceId\": \"not-hex\"}]}]}]}")
                .when().post("/v1/traces")
                .then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo(3))
                .body("message", org.hamcrest.Matchers.containsString("traceId"));
        byte[] status = given().auth().oauth2(key).contentType("application/x-protobuf")
                .body(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})
                .when().post("/v1/traces")
                .then().statusCode(400).contentType("application/x-protobuf")
                .extract().asByteArray();
        assertThat(new String(status, StandardCharsets.UTF_8)).contains("not an OTLP ExportTraceServiceRequest");
        given().auth().oauth2(key).contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/traces")
                .then().statusCode(415);
    }

    private static io.opentelemetry.proto.trace.v1.Span span(String spanId, String kind, String value, long end) {
        io.opentelemetry.proto.trace.v1.Span.Builder span = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("0af7651916cd43dd8448eb211c80319c")))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
                .setName(kind + " span")
                .setStartTimeUnixNano(end == 0 ? 0 : end - 1_000_000)
                .setEndTimeUnixNano(end);
        String attribute = kind.equals("model") ? "gen_ai.request.model" : kind;
        span.addAttributes(KeyValue.newBuilder().setKey(attribute)
                .setValue(AnyValue.newBuilder().setStringValue(value)));
        return span.build();
    }

    /** A tool span ending at {@code end} under {@code parent} (hex; empty for a root span). */
    private static io.opentelemetry.proto.trace.v1.Span tool(String spanId, String parent, long end) {
        return span(spanId, "gen_ai.operation.name", "execute_tool", end).toBuilder()
                .setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parent)))
                .addAttributes(KeyValue.newBuilder().setKey("gen_ai.tool.name")
                        .setValue(AnyValue.newBuilder().setStringValue("bash")))
                .build();
    }

    /** The SDK's OTLP/HTTP exporter; JSON encoding is switched on through its internal builder (no public API yet). */
    private SpanExporter exporter(String key, boolean json) throws ReflectiveOperationException {
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://localhost:" + port + "/v1/traces")
                .addHeader("Authorization", "Bearer " + key)
                .setCompression("gzip");
        if (json) {
            Field delegate = OtlpHttpSpanExporterBuilder.class.getDeclaredField("delegate");
            delegate.setAccessible(true);
            Object http = delegate.get(builder);
            http.getClass().getMethod("exportAsJson").invoke(http);
        }
        return builder.build();
    }

    /** Keeps the result of every export the SDK made. */
    private static final class RecordingExporter implements SpanExporter {
        private final SpanExporter delegate;
        final List<CompletableResultCode> results = new CopyOnWriteArrayList<>();

        RecordingExporter(SpanExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            CompletableResultCode result = delegate.export(spans);
            results.add(result);
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            CompletableResultCode all = CompletableResultCode.ofAll(results);
            return all;
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }
}
