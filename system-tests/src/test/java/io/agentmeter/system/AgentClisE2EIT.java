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
 *
 * <p>The prompts make each CLI run a tool and meet an API error ({@link FakeModelProvider#READ_FILE},
 * {@link FakeModelProvider#FAIL_ONCE}; Claude Code, which logs an error only for a request it gives up on, gets a
 * second prompt that fails for good): their tool, prompt, request and error events must be stored in PostgreSQL's
 * {@code activity} table once each, in the session of the CLI's turns, in the order the CLI did them; Gemini CLI
 * exports through an {@link OtlpRelay}, and its exports sent again change neither activity nor turns.
 */
class AgentClisE2EIT {

    private static final PriceBook PRICES = PriceBook.loadShipped();
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PIPELINE_DEADLINE = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String NOTES = "notes.txt";

    @TempDir
    Path temp;

    /** What one agent's calls must become: its agent name, the provider API it spoke, the usage of each turn. */
    private record Agent(String name, String api, String provider, Usage usage) {
    }

    /** One stored activity row, as the test compares them: its session and {@code kind/name/status}. */
    private record Activity(String session, String step, String eventId, String payload) {
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
            OtlpRelay geminiRelay = OtlpRelay.start(system.gateway());
            runGemini(clis, geminiRelay.baseUrl(), provider, key);
            assertThat(provider.failedApis()).as("a request of each API failed on purpose")
                    .containsExactlyInAnyOrder("anthropic", "openai", "gemini");

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

            // What each CLI did, per session, in time order (docs/ingest.md, "Activity from log events"). Claude Code
            // also titles each session with a side request whose answer comes when it comes (before or after the
            // prompt): that reply is counted apart from the ordered steps.
            String titleReply = "reply/generate_session_title/ok";
            Map<String, List<List<String>>> expected = Map.of(
                    "claude-code", List.of(
                            List.of("user_prompt//", "tool_decision/Read/accept", "tool_call/Read/ok", "reply/sdk/ok"),
                            List.of("user_prompt//", "error/api_error/error")),
                    "codex", List.of(List.of("user_prompt//", "api_request/api_request/error",
                            "api_request/api_request/ok", "tool_decision/exec_command/accept",
                            "tool_call/exec_command/ok", "api_request/api_request/ok")),
                    "gemini-cli", List.of(List.of("user_prompt//", "error/api_error/error",
                            "tool_call/read_file/ok")));
            int rows = expected.values().stream().flatMap(List::stream).mapToInt(List::size).sum();
            List<Activity> stored = awaitActivity(system, rows, titleReply, PIPELINE_DEADLINE);
            for (Map.Entry<String, List<List<String>>> agent : expected.entrySet()) {
                List<Activity> ofAgent = activity(system, agent.getKey());
                Map<String, List<String>> bySession = new LinkedHashMap<>();
                ofAgent.forEach(row -> bySession.computeIfAbsent(row.session(), s -> new java.util.ArrayList<>())
                        .add(row.step()));
                for (List<String> steps : bySession.values()) {
                    assertThat(steps.stream().filter(titleReply::equals).count())
                            .as("%s: side-request replies in a session", agent.getKey())
                            .isLessThanOrEqualTo(agent.getKey().equals("claude-code") ? 1 : 0);
                }
                assertThat(bySession.values().stream().map(steps -> steps.stream()
                        .filter(step -> !step.equals(titleReply)).toList()).toList())
                        .as("%s: its activity per session, once each, in time order", agent.getKey())
                        .containsExactlyInAnyOrderElementsOf(agent.getValue());
                assertThat(bySession.keySet()).as("%s: the sessions of its turns", agent.getKey())
                        .isEqualTo(query.turns(from, "&agent=" + agent.getKey()).stream()
                                .map(turn -> turn.path("session_id").asText()).collect(java.util.stream.Collectors
                                        .toSet()));
            }
            assertThat(stored).filteredOn(row -> row.step().startsWith("user_prompt") || row.step().startsWith("reply"))
                    .as("no prompt or answer text without the CLIs' opt-ins (Claude Code and Codex send a marker)")
                    .extracting(Activity::payload).containsOnlyNulls();
            assertThat(stored).filteredOn(row -> !row.step().equals(titleReply)).hasSize(rows);

            // Gemini CLI's exports sent again, as an exporter's retry would: the same ids, nothing new.
            int turnsBefore = query.turns(from).size();
            assertThat(geminiRelay.sent()).as("Gemini CLI's logs exports").isNotEmpty();
            assertThat(geminiRelay.replay()).as("the replay's answers").containsOnly(200);
            Thread.sleep(SETTLE.toMillis());
            assertThat(activity(system, null)).as("activity after the replay").isEqualTo(stored);
            assertThat(query.turns(from)).as("turns after the replay").hasSize(turnsBefore);
            geminiRelay.close();
        }
    }

    /** The activity rows of the demo tenant (of one agent, unless null), by time then id. */
    private static List<Activity> activity(RunningSystem system, String agent) throws java.sql.SQLException {
        String sql = "select session_id, kind, name, status, event_id, payload from activity where tenant_id = ?"
                + (agent == null ? "" : " and agent = ?") + " order by occurred_at, event_id";
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(system.dbUrl(), system.dbUser(),
                system.dbPassword());
             java.sql.PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, system.credentials().tenant());
            if (agent != null) {
                select.setString(2, agent);
            }
            List<Activity> rows = new java.util.ArrayList<>();
            try (java.sql.ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Activity(row.getString("session_id"), row.getString("kind") + "/"
                            + java.util.Objects.toString(row.getString("name"), "") + "/"
                            + java.util.Objects.toString(row.getString("status"), ""), row.getString("event_id"),
                            row.getString("payload")));
                }
            }
            return rows;
        }
    }

    /** {@link #activity} once it holds {@code expected} rows and a moment more, or as it is at the deadline. */
    /** The activity rows once {@code expected} of them are not {@code uncounted} steps (or the deadline passed). */
    private static List<Activity> awaitActivity(RunningSystem system, int expected, String uncounted,
                                                Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        List<Activity> rows = activity(system, null);
        while (rows.stream().filter(row -> !row.step().equals(uncounted)).count() < expected
                && System.nanoTime() < end) {
            Thread.sleep(500);
            rows = activity(system, null);
        }
        Thread.sleep(SETTLE.toMillis());
        return activity(system, null);
    }

    /**
     * Claude Code with the three lines {@code up} prints, and its metrics on as well: one prompt that reads a file
     * (the Read tool allowed), one whose request fails for good (no retry), so that it logs its {@code api_error}.
     */
    private void runClaudeCode(AgentClis clis, RunningSystem system, FakeModelProvider provider) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(exports(Banner.claudeCodeExports(system)));
        env.put("OTEL_METRICS_EXPORTER", "otlp");
        env.put("OTEL_METRIC_EXPORT_INTERVAL", "1000");
        env.put("OTEL_LOGS_EXPORT_INTERVAL", "1000");
        env.put("ANTHROPIC_BASE_URL", provider.baseUrl().toString());
        env.put("ANTHROPIC_API_KEY", "fake-key");
        Path home = Files.createDirectories(temp.resolve("claude-home"));
        Path work = home.resolve("work");
        NpmPackage.Run run = clis.run("claude", List.of("-p", readFilePrompt(work, ""), "--model",
                "claude-sonnet-4-5", "--allowedTools", "Read"), home, work, env, CLI_TIMEOUT);
        assertThat(run.exitStatus()).as("claude -p:\n%s", run.output()).isZero();
        env.put("CLAUDE_CODE_MAX_RETRIES", "0");
        NpmPackage.Run failed = clis.run("claude", List.of("-p", "Say hi. " + FakeModelProvider.FAIL_ALWAYS,
                "--model", "claude-sonnet-4-5"), home, work, env, CLI_TIMEOUT);
        assertThat(failed.exitStatus()).as("claude -p with a failing request:\n%s", failed.output()).isNotZero();
        assertThat(failed.output()).contains("API Error: " + FakeModelProvider.FAILURE_STATUS);
    }

    /** A prompt that makes the model read a file written in {@code work}, with {@code marks} after it. */
    private static String readFilePrompt(Path work, String marks) throws java.io.IOException {
        Path notes = Files.createDirectories(work).resolve(NOTES);
        Files.writeString(notes, "agentmeter: the file the fake model asks the CLI to read\n");
        return ("Read the notes. " + FakeModelProvider.READ_FILE + " " + notes.toAbsolutePath() + " " + marks).strip();
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
        Path work = home.resolve("work");
        // Without a sandbox: Codex's would need kernel features a CI container may lack; the command is a cat.
        NpmPackage.Run run = clis.run("codex", List.of("exec", "--skip-git-repo-check",
                "--dangerously-bypass-approvals-and-sandbox", readFilePrompt(work, FakeModelProvider.FAIL_ONCE)),
                home, work, Map.of("FAKE_PROVIDER_KEY", "fake-key"), CLI_TIMEOUT);
        assertThat(run.exitStatus()).as("codex exec:\n%s", run.output()).isZero();
    }

    /**
     * Gemini CLI with its telemetry block over OTLP/HTTP to {@code gateway} (the relay), the key from
     * OTEL_EXPORTER_OTLP_HEADERS, tools approved by {@code --yolo}.
     */
    private void runGemini(AgentClis clis, java.net.URI gateway, FakeModelProvider provider, String key)
            throws Exception {
        Path home = Files.createDirectories(temp.resolve("gemini-home"));
        Files.createDirectories(home.resolve(".gemini"));
        Files.writeString(home.resolve(".gemini/settings.json"), """
                {"security": {"auth": {"selectedType": "gemini-api-key"}},
                 "telemetry": {"enabled": true, "target": "local", "otlpEndpoint": "%s", "otlpProtocol": "http",
                               "logPrompts": false}}
                """.formatted(gateway));
        Map<String, String> env = Map.of("GEMINI_API_KEY", "fake-key",
                "GOOGLE_GEMINI_BASE_URL", provider.baseUrl().toString(),
                "GEMINI_CLI_TRUST_WORKSPACE", "true",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer " + key);
        Path work = home.resolve("work");
        NpmPackage.Run run = clis.run("gemini", List.of("-m", "gemini-2.5-flash", "--yolo", "-p",
                readFilePrompt(work, FakeModelProvider.FAIL_ONCE)), home, work, env, CLI_TIMEOUT);
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
