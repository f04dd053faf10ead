package io.agentmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.cli.send.FakeGateway;
import io.agentmeter.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The command line: usage errors, exit codes, and both commands end to end (dry run and a scripted gateway). */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String logs() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(MainTest.class.getResource("/agent-logs")).toURI()).toString();
    }

    @Test
    void shouldExplainItsUsage() {
        assertThat(run()).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("usage: agentmeter <command>");
        assertThat(run("--help")).isEqualTo(Main.EXIT_OK);
        assertThat(run("import", "--help")).isEqualTo(Main.EXIT_OK);
        assertThat(out()).contains("--watch").contains("--format F");
        assertThat(run("demo", "-h")).isEqualTo(Main.EXIT_OK);
        assertThat(out()).contains("--days-back D").contains("claude-sonnet-4-5");
    }

    @Test
    void shouldRefuseWrongCommandLines() throws Exception {
        assertThat(run("frobnicate")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("unknown command 'frobnicate'");
        assertThat(run("import")).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("import", "/no/such/dir")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("no such file or directory: /no/such/dir");
        assertThat(run("import", "--format", "jsonx", logs())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("--format must be one of claude-code, codex, zeroclaw, zeroclaw-trace, usage");
        assertThat(run("import", logs())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("no ingest key: pass --key or set AGENTMETER_INGEST_KEY");
        assertThat(run("import", "--kafka", "localhost:9092", logs())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("--kafka needs --tenant");
        assertThat(run("import", "--dry-run", "--kafka", "k:1", "--tenant", "t", logs())).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("import", "--bogus", logs())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("unknown option --bogus");
        assertThat(run("demo", "--turns", "zero", "--dry-run")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("--turns must be a whole number");
    }

    @Test
    void shouldPrintEventsAsNdjsonOnADryRun() throws Exception {
        int status = run("import", "--dry-run", "--project", "demo-project", "--label", "team=payments", logs());

        assertThat(status).isEqualTo(Main.EXIT_OK);
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(25);
        for (String line : lines) {
            var event = Json.mapper().readTree(line);
            assertThat(event.get("project").asText()).isEqualTo("demo-project");
            assertThat(event.get("labels").get("team").asText()).isEqualTo("payments");
        }
        assertThat(err()).contains("claude-code: 4 file(s), 8 turn event(s)")
                .contains("codex: 3 file(s), 9 turn event(s)")
                .contains("zeroclaw: 1 file(s), 3 turn event(s)")
                .contains("usage: 1 file(s), 5 turn event(s)")
                .contains("sent: 25 accepted, 0 rejected")
                .contains("costs.jsonl:4: not valid JSON");
    }

    @Test
    void shouldSendToTheGatewayWithTheKeyFromTheEnvironment() throws Exception {
        try (FakeGateway gateway = new FakeGateway(r -> {
            long n = r.body().lines().count();
            return FakeGateway.Answer.json(200, "{\"accepted\":" + n + ",\"rejected\":0,\"rejected_items\":[]}");
        })) {
            int status = run(Map.of("AGENTMETER_INGEST_URL", gateway.uri().toString(),
                    "AGENTMETER_INGEST_KEY", "am_env_key"), "import", "--batch", "10", logs());

            assertThat(status).isEqualTo(Main.EXIT_OK);
            assertThat(gateway.requests).hasSize(3);
            assertThat(gateway.requests).allSatisfy(r ->
                    assertThat(r.header("Authorization")).isEqualTo("Bearer am_env_key"));
            assertThat(gateway.requests.stream().mapToLong(r -> r.body().lines().count()).sum()).isEqualTo(25);
            assertThat(out()).contains("sent: 25 accepted, 0 rejected");
        }
    }

    @Test
    void shouldExitWithFailureWhenTheGatewayRejectsEvents() throws Exception {
        try (FakeGateway gateway = new FakeGateway(r -> FakeGateway.Answer.json(400,
                "{\"accepted\":0,\"rejected\":1,\"rejected_items\":[{\"index\":0,\"event_id\":\"x\",\"errors\":"
                        + "[{\"path\":\"$.model\",\"reason\":\"is required\"}]}]}"))) {
            int status = run("import", "--url", gateway.uri().toString(), "--key", "k", logs()
                    + "/zeroclaw/hand-written/state/costs.jsonl");

            assertThat(status).isEqualTo(Main.EXIT_FAILED);
            assertThat(out()).contains("costs.jsonl:1: rejected by the ingest gateway").contains("$.model: is required");
        }
    }

    @Test
    void shouldGiveTheSameDemoTurnsForTheSameSeed() {
        assertThat(run("demo", "--dry-run", "--turns", "40", "--live", "0", "--seed", "12")).isEqualTo(Main.EXIT_OK);
        List<String> first = out().lines().toList();
        out.reset();
        assertThat(run("demo", "--dry-run", "--turns", "40", "--live", "0", "--seed", "12")).isEqualTo(Main.EXIT_OK);

        assertThat(first).hasSize(40);
        assertThat(err()).contains("seed 12");
        // Historic turns are placed relative to the start time; their ids and token counts do not depend on it.
        assertThat(out().lines().map(MainTest::withoutTimes).toList())
                .isEqualTo(first.stream().map(MainTest::withoutTimes).toList());
    }

    private static String withoutTimes(String line) {
        try {
            var event = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(line);
            event.remove(List.of("occurred_at", "started_at"));
            return event.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
