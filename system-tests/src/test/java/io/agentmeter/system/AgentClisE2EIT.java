package io.agentmeter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.cli.up.Banner;
import io.agentmeter.cli.up.Progress;
import io.agentmeter.cli.up.RunningSystem;
import io.agentmeter.cli.up.SystemRunner;
import io.agentmeter.cli.up.UpOptions;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three coding agents people run, as their users run them: the real Claude Code, Codex and Gemini CLI from npm
 * ({@link AgentClis}), each for one non-interactive prompt against a model provider written here
 * ({@link FakeModelProvider}, fixed usage on every answer), with their own OpenTelemetry export pointed at the
 * gateway of a whole system started as {@code bin/agentmeter up} starts it. No glue: only the settings
 * docs/connect-your-agent.md gives, and for Claude Code the very lines {@code up} prints.
 *
 * <ul>
 *   <li>Claude Code: OTLP/HTTP protobuf, logs <em>and</em> metrics on (the metrics must not count twice);</li>
 *   <li>Codex: OTLP/gRPC from {@code ~/.codex/config.toml}'s {@code [otel]} section;</li>
 *   <li>Gemini CLI: OTLP/HTTP from {@code ~/.gemini/settings.json}'s {@code telemetry} block (it sends logs,
 *       metrics and spans).</li>
 * </ul>
 * Every model call the fake answered must come back from the query API once, as one turn, with exactly the tokens
 * the fake reported (mapped as docs/ingest.md says), priced by the shipped price book; and nothing else.
 */
class AgentClisE2EIT {

    private static final PriceBook PRICES = PriceBook.loadShipped();
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PIPELINE_DEADLINE = Duration.ofSeconds(120);
    private static final String PROMPT = "Say hi.";

    @TempDir
    Path temp;

    /** What one agent's calls must become: its agent name, the provider API it spoke, the usage of each turn. */
    private record Agent(String name, String api, String provider, Usage usage) {
    }

    @Test
    void shouldMeterEveryModelCallOfTheRealCliesExactlyOnceAndPriced() throws Exception {
        AgentClis clis = AgentClis.install();
        UpOptions options = E2eSystem.options("agent-clis").withDataDir(temp.resolve("data"));
        try (FakeModelProvider provider = FakeModelProvider.start(0);
             SystemRunner runner = new SystemRunner(options, new Progress(System.out))) {
            RunningSystem system = runner.start();
            String key = system.credentials().ingestKey();
            QueryApi query = new QueryApi(system);
            Instant from = Instant.now().minusSeconds(60);

            runClaudeCode(clis, system, provider);
            runCodex(clis, system, provider, key);
            runGemini(clis, system, provider, key);

            FakeModelProvider.Usage a = FakeModelProvider.ANTHROPIC;
            FakeModelProvider.Usage o = FakeModelProvider.OPENAI;
            FakeModelProvider.Usage g = FakeModelProvider.GEMINI;
            List<Agent> agents = List.of(
                    // Anthropic's input leaves the cache out; the turn event's includes it.
                    new Agent("claude-code", "anthropic", "anthropic", new Usage(a.input() + a.cacheRead()
                            + a.cacheCreation(), a.output(), a.cacheRead(), a.cacheCreation(), null, null, null)),
                    new Agent("codex", "openai", null, new Usage(o.input(), o.output(), o.cacheRead(),
                            o.cacheCreation(), null, o.reasoning(), o.input() + o.output())),
                    // Gemini's candidates leave the thoughts out; the turn event's output includes them.
                    new Agent("gemini-cli", "gemini", "gcp.gemini", new Usage(g.input(), g.output() + g.reasoning(),
                            g.cacheRead(), null, null, g.reasoning(), g.input() + g.output() + g.reasoning())));

            for (Agent agent : agents) {
                List<FakeModelProvider.Served> calls = provider.served(agent.api());
                assertThat(calls).as("%s's model calls answered by the fake", agent.name()).isNotEmpty();
                List<JsonNode> turns = query.awaitTurns(from, "&agent=" + agent.name(), calls.size(), PIPELINE_DEADLINE);
                assertThat(turns).as("%s: one turn per model call, no more", agent.name()).hasSize(calls.size());
                assertThat(turns.stream().map(turn -> turn.path("model").asText()).sorted().toList())
                        .as("%s: the models called", agent.name())
                        .isEqualTo(calls.stream().map(FakeModelProvider.Served::model).sorted().toList());
                BigDecimal expectedCost = BigDecimal.ZERO;
                for (JsonNode turn : turns) {
                    assertThat(QueryApi.usageOf(turn)).as("%s turn %s", agent.name(), turn).isEqualTo(agent.usage());
                    assertThat(turn.path("provider").isNull() ? null : turn.path("provider").asText())
                            .isEqualTo(agent.provider());
                    TurnCost cost = CostEngine.price(agent.usage(), null, PRICES.find(system.credentials().tenant(),
                            agent.provider(), turn.path("model").asText(), Instant.now()));
                    assertThat(turn.path("cost_status").asText()).isEqualTo(cost.status().name().toLowerCase());
                    assertThat(turn.path("cost_usd").decimalValue()).as("%s cost", agent.name())
                            .isEqualByComparingTo(cost.totalUsd());
                    expectedCost = expectedCost.add(cost.totalUsd());
                }
                JsonNode figures = query.summary(from, "&agent=" + agent.name()).path("current").path("figures");
                assertThat(figures.path("turns").asLong()).isEqualTo(calls.size());
                assertThat(figures.path("input_tokens").asLong()).isEqualTo(calls.size() * agent.usage().inputTokens());
                assertThat(figures.path("output_tokens").asLong())
                        .isEqualTo(calls.size() * agent.usage().outputTokens());
                assertThat(figures.path("cost_usd").decimalValue()).as("%s summary cost", agent.name())
                        .isEqualByComparingTo(expectedCost);
            }
            JsonNode all = query.summary(from, "").path("current").path("figures");
            assertThat(all.path("turns").asLong()).as("no turn from any other signal (metrics, spans)")
                    .isEqualTo(provider.served().size());
        }
    }

    /** Claude Code with the three lines {@code up} prints, and its metrics on as well. */
    private void runClaudeCode(AgentClis clis, RunningSystem system, FakeModelProvider provider) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(exports(Banner.claudeCodeExports(system)));
        env.put("OTEL_METRICS_EXPORTER", "otlp");
        env.put("OTEL_METRIC_EXPORT_INTERVAL", "1000");
        env.put("OTEL_LOGS_EXPORT_INTERVAL", "1000");
        env.put("ANTHROPIC_BASE_URL", provider.baseUrl().toString());
        env.put("ANTHROPIC_API_KEY", "fake-key");
        Path home = Files.createDirectories(temp.resolve("claude-home"));
        NpmPackage.Run run = clis.run("claude", List.of("-p", PROMPT, "--model", "claude-sonnet-4-5"), home,
                home.resolve("work"), env, CLI_TIMEOUT);
        assertThat(run.exitStatus()).as("claude -p:\n%s", run.output()).isZero();
    }

    /** Codex with a provider of its own and OTLP/gRPC to the gateway, both in {@code ~/.codex/config.toml}. */
    private void runCodex(AgentClis clis, RunningSystem system, FakeModelProvider provider, String key)
            throws Exception {
        Path home = Files.createDirectories(temp.resolve("codex-home"));
        Files.createDirectories(home.resolve(".codex"));
        Files.writeString(home.resolve(".codex/config.toml"), """
                model = "gpt-5"
                model_provider = "fake"

                [model_providers.fake]
                name = "fake"
                base_url = "%s/v1"
                env_key = "FAKE_PROVIDER_KEY"
                wire_api = "responses"

                [otel]
                environment = "test"
                exporter = { otlp-grpc = { endpoint = "%s", headers = { "authorization" = "Bearer %s" } } }
                """.formatted(provider.baseUrl(), system.otlpGrpc(), key));
        NpmPackage.Run run = clis.run("codex", List.of("exec", "--skip-git-repo-check", PROMPT), home,
                home.resolve("work"), Map.of("FAKE_PROVIDER_KEY", "fake-key"), CLI_TIMEOUT);
        assertThat(run.exitStatus()).as("codex exec:\n%s", run.output()).isZero();
    }

    /** Gemini CLI with its telemetry block over OTLP/HTTP, the key from OTEL_EXPORTER_OTLP_HEADERS. */
    private void runGemini(AgentClis clis, RunningSystem system, FakeModelProvider provider, String key)
            throws Exception {
        Path home = Files.createDirectories(temp.resolve("gemini-home"));
        Files.createDirectories(home.resolve(".gemini"));
        Files.writeString(home.resolve(".gemini/settings.json"), """
                {"security": {"auth": {"selectedType": "gemini-api-key"}},
                 "telemetry": {"enabled": true, "target": "local", "otlpEndpoint": "%s", "otlpProtocol": "http",
                               "logPrompts": false}}
                """.formatted(system.gateway()));
        Map<String, String> env = Map.of("GEMINI_API_KEY", "fake-key",
                "GOOGLE_GEMINI_BASE_URL", provider.baseUrl().toString(),
                "GEMINI_CLI_TRUST_WORKSPACE", "true",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer " + key);
        NpmPackage.Run run = clis.run("gemini", List.of("-m", "gemini-2.5-flash", "-p", PROMPT), home,
                home.resolve("work"), env, CLI_TIMEOUT);
        assertThat(run.exitStatus()).as("gemini -p:\n%s", run.output()).isZero();
    }

    /** {@code export A=1 B='x y'} lines as a map, unquoted as the shell would. */
    private static Map<String, String> exports(List<String> lines) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines) {
            assertThat(line).startsWith("export ");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=('[^']*'|\\S+)")
                    .matcher(line.substring("export ".length()));
            while (m.find()) {
                String value = m.group(2);
                env.put(m.group(1), value.startsWith("'") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }
}
