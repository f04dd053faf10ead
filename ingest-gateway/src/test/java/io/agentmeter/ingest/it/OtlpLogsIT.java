package io.agentmeter.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.ingest.otlp.AgentTelemetry;
import io.agentmeter.ingest.turns.TurnHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
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

/**
 * POST /v1/logs and /v1/metrics on the real broker: the OpenTelemetry Java SDK's OTLP/HTTP exporters (protobuf, gzip)
 * as the client, and OTLP/JSON bodies shaped like the agents' own sent gzip-compressed and chunked by plain HTTP.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OtlpLogsIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void shouldTurnAgentLogEventsFromTheSdkExporterIntoTurnsWithTheSameIdsWhenTheBatchIsSentAgain() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        Instant end = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        List<LogRecordData> batch = new CopyOnWriteArrayList<>();

        SdkLoggerProvider claudeCode = provider(batch, "claude-code");
        Logger claudeEvents = claudeCode.loggerBuilder("com.anthropic.claude_code.events").build();
        claudeEvents.logRecordBuilder().setTimestamp(end.minusSeconds(5)).setBody("claude_code.user_prompt")
                .setAttribute("event.name", "user_prompt").setAttribute("session.id", "cc-" + tenant).emit();
        claudeEvents.logRecordBuilder().setTimestamp(end).setBody("claude_code.api_request")
                .setAttribute("event.name", "api_request")
                .setAttribute("event.timestamp", end.toString())
                .setAttribute("session.id", "cc-" + tenant)
                .setAttribute("user.account_uuid", "0b1f5c8e-7d2a-4e9b-9c3f-6a5d4e3b2c1a")
                .setAttribute("prompt.id", "5d9f2c1e-3b4a-4f6d-8e7c-1a2b3c4d5e6f")
                .setAttribute("model", "claude-opus-4-6")
                .setAttribute("input_tokens", "3")
                .setAttribute("output_tokens", "13")
                .setAttribute("cache_read_tokens", "11515")
                .setAttribute("cache_creation_tokens", "13835")
                .setAttribute("cost_usd", 0.0924265)
                .setAttribute("duration_ms", "4210")
                .emit();

        // Codex leaves the record's time unset (0) and stamps event.timestamp.
        SdkLoggerProvider codex = provider(batch, "codex_cli_rs");
        codex.loggerBuilder("codex_otel").build().logRecordBuilder()
                .setAttribute("event.name", "codex.sse_event")
                .setAttribute("event.timestamp", end.minusSeconds(30).toString())
                .setAttribute("event.kind", "response.completed")
                .setAttribute("conversation.id", "cx-" + tenant)
                .setAttribute("model", "gpt-5.3-codex")
                .setAttribute("input_token_count", "42772")
                .setAttribute("output_token_count", "204")
                .setAttribute("cached_token_count", 3456L)
                .setAttribute("reasoning_token_count", 124L)
                .setAttribute("tool_token_count", "42976")
                .emit();

        SdkLoggerProvider gemini = provider(batch, "gemini-cli");
        Logger geminiEvents = gemini.loggerBuilder("gemini-cli").build();
        for (String role : List.of("utility_router", "main")) {
            geminiEvents.logRecordBuilder().setTimestamp(end.minusSeconds(role.equals("main") ? 10 : 20))
                    .setBody("API response from gemini-2.5-pro. Status: 200.")
                    .setAttribute("event.name", "gemini_cli.api_response")
                    .setAttribute("session.id", "gm-" + tenant)
                    .setAttribute("model", role.equals("main") ? "gemini-2.5-pro" : "gemini-2.5-flash-lite")
                    .setAttribute("role", role)
                    .setAttribute("prompt_id", "gm-" + tenant + "########1")
                    .setAttribute("input_token_count", 12873L)
                    .setAttribute("output_token_count", 412L)
                    .setAttribute("cached_content_token_count", 8064L)
                    .setAttribute("thoughts_token_count", 1280L)
                    .setAttribute("tool_token_count", 0L)
                    .setAttribute("total_token_count", 14565L)
                    .setAttribute("duration_ms", 9140L)
                    .emit();
        }
        assertThat(batch).hasSize(5);

        LogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint("http://localhost:" + port + "/v1/logs")
                .addHeader("Authorization", "Bearer " + key)
                .setCompression("gzip")
                .build();
        // The same batch twice, as an exporter retries it.
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(exporter.export(batch).join(15, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        exporter.shutdown();
        List.of(claudeCode, codex, gemini).forEach(SdkLoggerProvider::shutdown);

        List<ConsumerRecord<String, byte[]>> records = Gateway.turnsOf(tenant, 8);
        assertThat(records).hasSize(8);
        Map<String, List<JsonNode>> byId = records.stream().map(r -> Gateway.tree(r.value()))
                .collect(Collectors.groupingBy(event -> event.get("event_id").textValue()));
        assertThat(byId).hasSize(4);
        assertThat(byId.values()).allSatisfy(copies -> {
            assertThat(copies).hasSize(2);
            assertThat(copies.get(1)).isEqualTo(copies.get(0));
        });
        assertThat(records).allSatisfy(record -> {
            assertThat(Gateway.header(record, TurnHeaders.SOURCE)).isEqualTo("otlp");
            assertThat(record.key()).startsWith(tenant + ":");
        });
        Map<String, JsonNode> byAgent = byId.values().stream().map(copies -> copies.get(0))
                .filter(event -> !event.path("labels").path("role").asText().equals("utility_router"))
                .collect(Collectors.toMap(event -> event.get("agent").textValue(), Function.identity()));

        JsonNode claude = byAgent.get("claude-code");
        assertThat(claude.get("event_id").textValue()).matches("cc-otlp:[0-9a-f]{32}");
        assertThat(claude.get("session_id").textValue()).isEqualTo("cc-" + tenant);
        assertThat(claude.get("tenant_id").textValue()).isEqualTo(tenant);
        assertThat(Instant.parse(claude.get("occurred_at").textValue())).isEqualTo(end);
        assertThat(claude.get("usage")).isEqualTo(Gateway.tree(("{\"input_tokens\": 25353, \"output_tokens\": 13,"
                + " \"cache_read_tokens\": 11515, \"cache_write_tokens\": 13835}").getBytes(StandardCharsets.UTF_8)));
        assertThat(claude.has("reported_cost_usd")).isFalse();
        assertThat(claude.get("labels").get("claude_code.cost_usd").textValue()).isEqualTo("0.0924265");

        JsonNode codexTurn = byAgent.get("codex");
        assertThat(codexTurn.get("event_id").textValue()).matches("codex-otlp:[0-9a-f]{32}");
        assertThat(Instant.parse(codexTurn.get("occurred_at").textValue())).isEqualTo(end.minusSeconds(30));
        assertThat(codexTurn.get("usage").get("input_tokens").longValue()).isEqualTo(42772);
        assertThat(codexTurn.get("usage").get("cache_read_tokens").longValue()).isEqualTo(3456);
        assertThat(codexTurn.get("usage").get("total_tokens").longValue()).isEqualTo(42976);

        JsonNode geminiMain = byAgent.get("gemini-cli");
        assertThat(geminiMain.get("labels").get("role").textValue()).isEqualTo("main");
        assertThat(geminiMain.get("usage").get("output_tokens").longValue()).isEqualTo(412 + 1280);
    }

    @ParameterizedTest
    @ValueSource(strings = {"codex", "gemini"})
    void shouldTakeOtlpJsonSentGzipCompressedAndChunkedAndSayWhatItIgnored(String agent) throws Exception {
        String tenant = Gateway.newTenant();
        String body = agent.equals("codex") ? AgentTelemetry.codex("cx-" + tenant) : AgentTelemetry.gemini("gm-" + tenant);
        HttpResponse<String> answer = postChunked("/v1/logs", Gateway.newKey(tenant), "application/json",
                Gateway.gzip(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode response = Gateway.tree(answer.body().getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> records;
        if (agent.equals("codex")) {
            assertThat(response.get("partialSuccess").get("rejectedLogRecords").asLong()).isZero();
            assertThat(response.get("partialSuccess").get("errorMessage").textValue())
                    .isEqualTo("1 log record(s) accepted and ignored, not model turns: 1 codex.sse_event:response.created");
            records = Gateway.turnsOf(tenant, 1);
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo(tenant + ":cx-" + tenant);
            assertThat(Gateway.tree(records.get(0).value()).get("occurred_at").textValue())
                    .isEqualTo(AgentTelemetry.TIME_TEXT);
        } else {
            assertThat(response.has("partialSuccess")).isFalse();
            records = Gateway.turnsOf(tenant, 2);
            assertThat(records).extracting(r -> Gateway.tree(r.value()).get("labels").get("role").textValue())
                    .containsExactlyInAnyOrder("utility_router", "main");
        }
    }

    @Test
    void shouldAnswerWithPartialSuccessCountingUsageEventsThatAreNotValidTurns() throws Exception {
        String tenant = Gateway.newTenant();
        String body = AgentTelemetry.claudeCode("cc-" + tenant, "req_011CUa2bQy9Zk7")
                .replace("\"session.id\"", "\"session.id.unset\"");
        byte[] answer = given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/json").body(body)
                .when().post("/v1/logs")
                .then().statusCode(200).contentType("application/json")
                .extract().asByteArray();
        JsonNode response = Gateway.tree(answer);
        // The user prompt beside it is an activity event, rejected for the same reason.
        assertThat(response.get("partialSuccess").get("rejectedLogRecords").asLong()).isEqualTo(2);
        assertThat(response.get("partialSuccess").get("errorMessage").textValue())
                .startsWith("1 log record(s) rejected as turn events: claude_code.api_request cc-otlp:")
                .contains("$.session_id: is required")
                .contains("1 log record(s) rejected as activity events: claude_code.user_prompt cc-otlp:user_prompt:");
        assertThat(Gateway.turnsOf(tenant, 0)).isEmpty();

        // The same in protobuf: the answer is an ExportLogsServiceResponse.
        byte[] protobuf = io.agentmeter.ingest.otlp.OtlpCodec.readLogs(body.getBytes(StandardCharsets.UTF_8),
                io.agentmeter.ingest.otlp.OtlpEncoding.JSON).toByteArray();
        byte[] binary = given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/x-protobuf")
                .body(protobuf)
                .when().post("/v1/logs")
                .then().statusCode(200).contentType("application/x-protobuf")
                .extract().asByteArray();
        assertThat(ExportLogsServiceResponse.parseFrom(binary).getPartialSuccess().getRejectedLogRecords())
                .isEqualTo(2);
    }

    @Test
    void shouldAcceptMetricsFromTheSdkExporterAndCountThemAsIgnoredWithoutMakingTurns() throws Exception {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        double tokensBefore = ignored("metrics", "claude_code.token.usage");
        double genAiBefore = ignored("metrics", "gen_ai.client.token.usage");

        SdkMeterProvider meters = SdkMeterProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "claude-code"))))
                .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                                .setEndpoint("http://localhost:" + port + "/v1/metrics")
                                .addHeader("Authorization", "Bearer " + key)
                                .setCompression("gzip")
                                .build())
                        .setInterval(Duration.ofHours(1))
                        .build())
                .build();
        Meter claude = meters.get("com.anthropic.claude_code");
        var tokens = claude.counterBuilder("claude_code.token.usage").setUnit("tokens").build();
        for (String type : List.of("input", "output", "cacheRead", "cacheCreation")) {
            tokens.add(100, Attributes.of(AttributeKey.stringKey("type"), type,
                    AttributeKey.stringKey("model"), "claude-opus-4-6"));
        }
        meters.get("gen_ai").histogramBuilder("gen_ai.client.token.usage").ofLongs().build()
                .record(1200, Attributes.of(AttributeKey.stringKey("gen_ai.token.type"), "input"));
        assertThat(meters.forceFlush().join(15, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(ignored("metrics", "claude_code.token.usage") - tokensBefore).isEqualTo(4.0);
        assertThat(ignored("metrics", "gen_ai.client.token.usage") - genAiBefore).isEqualTo(1.0);
        // Shutting down exports the cumulative sums once more: accepted and ignored again, still no turn.
        assertThat(meters.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(ignored("metrics", "claude_code.token.usage") - tokensBefore).isEqualTo(8.0);
        assertThat(Gateway.turnsOf(tenant, 0)).isEmpty();

        // What the answer says, over plain HTTP: JSON, gzip, chunked.
        String json = """
                {"resourceMetrics": [{"scopeMetrics": [{"metrics": [
                  {"name": "codex.turn.token_usage", "sum": {"dataPoints": [{"asInt": "42976"}]}}]}]}]}""";
        HttpResponse<String> answer = postChunked("/v1/metrics", key, "application/json",
                Gateway.gzip(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode partial = Gateway.tree(answer.body().getBytes(StandardCharsets.UTF_8)).get("partialSuccess");
        assertThat(partial.get("rejectedDataPoints").asLong()).isZero();
        assertThat(partial.get("errorMessage").textValue()).contains(
                "1 codex.turn.token_usage (repeats the codex.sse_event response.completed log events)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/logs", "/v1/metrics"})
    void shouldAnswerGarbageWithA4xxOtlpStatusNeverA5xx(String path) {
        String key = Gateway.newKey(Gateway.newTenant());
        given().contentType("application/json").body("{}")
                .when().post(path)
                .then().statusCode(401).contentType("application/json")
                .body("code", org.hamcrest.Matchers.equalTo(16));
        byte[] status = given().auth().oauth2(key).contentType("application/x-protobuf")
                .body(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})
                .when().post(path)
                .then().statusCode(400).contentType("application/x-protobuf")
                .extract().asByteArray();
        assertThat(new String(status, StandardCharsets.UTF_8)).contains("is not an OTLP Export");
        for (String garbage : List.of("not json", "[1, 2]", "{\"resourceLogs\": \"x\", \"resourceMetrics\": 7}",
                "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"traceId\": \"zz\", \"spanId\": 5}]}]}],"
                        + " \"resourceMetrics\": [{\"scopeMetrics\": [{\"metrics\": [{\"gauge\": {\"dataPoints\":"
                        + " [{\"exemplars\": [{\"traceId\": \"zz\"}]}]}}]}]}]}")) {
            given().auth().oauth2(key).contentType("application/json").body(garbage)
                    .when().post(path)
                    .then().statusCode(400).contentType("application/json")
                    .body("code", org.hamcrest.Matchers.equalTo(3))
                    .body("message", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.startsWith("body "),
                            org.hamcrest.Matchers.containsString("traceId")));
        }
        given().auth().oauth2(key).contentType("application/json").header("Content-Encoding", "gzip")
                .body("{}".getBytes(StandardCharsets.UTF_8))
                .when().post(path)
                .then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("gzip"));
        given().auth().oauth2(key).contentType("application/json").body(new byte[0])
                .when().post(path)
                .then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("empty"));
        given().auth().oauth2(key).contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .when().post(path)
                .then().statusCode(415).body("message", org.hamcrest.Matchers.containsString("Content-Type"));
    }

    /** A logger provider of one agent's resource whose records are collected into {@code batch}. */
    private static SdkLoggerProvider provider(List<LogRecordData> batch, String serviceName) {
        LogRecordExporter collect = new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                batch.addAll(logs);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        return SdkLoggerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), serviceName))))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(collect))
                .build();
    }

    /** A POST whose body has no known length, so java.net.http sends it chunked. */
    private HttpResponse<String> postChunked(String path, String key, String contentType, byte[] gzipped)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(gzipped)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway's count of ignored OTLP items for a signal and reason, from its Prometheus page. */
    private static double ignored(String signal, String reason) {
        return Gateway.counted("agentmeter_ingest_otlp_ignored_total", "signal=\"" + signal + "\"",
                "reason=\"" + reason + "\"");
    }
}
