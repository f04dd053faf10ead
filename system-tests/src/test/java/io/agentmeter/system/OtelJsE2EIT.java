package io.agentmeter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.cli.up.Progress;
import io.agentmeter.cli.up.RunningSystem;
import io.agentmeter.cli.up.SystemRunner;
import io.agentmeter.cli.up.UpOptions;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app of one's own instead of an agent's CLI: {@code src/test/otel-js/chat.js}, one chat completion with the
 * {@code openai} client against {@link FakeModelProvider}, traced by OpenLLMetry's OpenAI instrumentation
 * ({@code @traceloop/instrumentation-openai}) and exported by the official OpenTelemetry Node SDK, at the versions
 * its package-lock.json pins ({@link NpmPackage}). It runs twice against a whole system started as
 * {@code bin/agentmeter up} starts it, each time with another model: once exporting over OTLP/gRPC, once over
 * OTLP/HTTP protobuf, configured only with the SDK's standard variables as docs/ingest.md gives them.
 *
 * <p>Each call must come back from the query API once, as one turn with the usage its span reports (mapped as
 * docs/ingest.md says for spans), priced by the shipped price book; and nothing else. The instrumentation reports
 * {@code gen_ai.usage.input_tokens} and {@code output_tokens} (and a {@code gen_ai.usage.total_tokens} the gateway
 * does not read), but not the cached or reasoning tokens inside them, so the turn has none of those.
 */
class OtelJsE2EIT {

    private static final PriceBook PRICES = PriceBook.loadShipped();
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PIPELINE_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    /** One run of the app: the exporter it uses, where that exports to, the model it asks for. */
    private record Export(String protocol, String endpoint, String model) {
    }

    @Test
    void shouldMeterTheCallsOfAnOpenAiAppTracedByTheOtelJsSdkOverGrpcAndHttpProtobuf() throws Exception {
        NpmPackage app = NpmPackage.install("otel-js", List.of("openai", "@opentelemetry/sdk-node",
                "@opentelemetry/exporter-trace-otlp-grpc", "@opentelemetry/exporter-trace-otlp-proto",
                "@traceloop/instrumentation-openai"));
        UpOptions options = E2eSystem.options("otel-js").withDataDir(temp.resolve("data"));
        try (FakeModelProvider provider = FakeModelProvider.start(0);
             SystemRunner runner = new SystemRunner(options, new Progress(System.out))) {
            RunningSystem system = runner.start();
            Instant from = Instant.now().minusSeconds(60);
            List<Export> exports = List.of(
                    new Export("grpc", system.otlpGrpc().toString(), "gpt-4o-mini"),
                    new Export("http-protobuf", system.gateway() + "/v1/traces", "gpt-4.1-mini"));
            for (Export export : exports) {
                NpmPackage.Run run = app.run(List.of("node", "chat.js", export.protocol()), app.dir(), Map.of(
                        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", export.endpoint(),
                        "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "Authorization=Bearer " + system.credentials().ingestKey(),
                        "OTEL_METRICS_EXPORTER", "none",
                        "OTEL_LOGS_EXPORTER", "none",
                        "OPENAI_BASE_URL", provider.baseUrl() + "/v1",
                        "OPENAI_API_KEY", "fake-key",
                        "MODEL", export.model()), RUN_TIMEOUT);
                assertThat(run.exitStatus()).as("node chat.js %s:\n%s", export.protocol(), run.output()).isZero();
                assertThat(run.output()).as("node chat.js %s", export.protocol())
                        .contains(export.protocol() + ": exported 1 span(s)");
            }

            List<String> models = exports.stream().map(Export::model).sorted().toList();
            assertThat(provider.served().stream().map(FakeModelProvider.Served::model).sorted().toList())
                    .as("the calls the fake answered").isEqualTo(models);
            List<JsonNode> turns = new QueryApi(system).awaitTurns(from, exports.size(), PIPELINE_DEADLINE);
            assertThat(turns.stream().map(turn -> turn.path("model").asText()).sorted().toList())
                    .as("one turn per call, over each protocol, and nothing else: %s", turns).isEqualTo(models);
            FakeModelProvider.Usage o = FakeModelProvider.OPENAI;
            Usage expected = new Usage(o.input(), o.output(), null, null, null, null, null);
            for (JsonNode turn : turns) {
                assertThat(QueryApi.usageOf(turn)).as("usage of %s", turn).isEqualTo(expected);
                assertThat(turn.path("provider").asText()).as("provider of %s", turn).isEqualTo("openai");
                assertThat(turn.path("status").asText()).as("status of %s", turn).isEqualTo("ok");
                TurnCost cost = CostEngine.price(expected, null, PRICES.find(system.credentials().tenant(), "openai",
                        turn.path("model").asText(), Instant.now()));
                assertThat(turn.path("cost_status").asText()).isEqualTo(cost.status().name().toLowerCase());
                assertThat(turn.path("cost_usd").decimalValue()).as("cost of %s", turn)
                        .isEqualByComparingTo(cost.totalUsd());
            }
        }
    }
}
