package io.agentmeter.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.Main;
import io.agentmeter.cli.up.Banner;
import io.agentmeter.cli.up.DemoCredentials;
import io.agentmeter.cli.up.Ports;
import io.agentmeter.cli.up.Progress;
import io.agentmeter.cli.up.RunningSystem;
import io.agentmeter.cli.up.ServiceProcess;
import io.agentmeter.cli.up.StartupException;
import io.agentmeter.cli.up.SystemRunner;
import io.agentmeter.cli.up.UpOptions;
import io.agentmeter.localstack.FreePorts;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system, started the way {@code bin/agentmeter up} starts it ({@link SystemRunner}): a real Kafka broker
 * and PostgreSQL, and the ingest gateway, stream aggregator, writer and query API as the real processes from their
 * build output. Turns go in by HTTP (NDJSON and JSON, recent and three days of history, duplicates), by a plain Kafka
 * producer (with a duplicate and a garbage record) and by importing a real Claude Code log; the query API's summary
 * must then give exactly the totals computed here from what was sent, before and after a restart over the same data.
 *
 * <p>Logs of the runs: {@code system-tests/target/e2e/<test>/logs}.
 */
class SystemE2EIT {

    private static final PriceBook PRICES = PriceBook.loadShipped();
    private static final Duration PIPELINE_DEADLINE = Duration.ofSeconds(120);
    /** A real Claude Code 2.1.38 transcript: one API response written as five lines (see SOURCES.md there). */
    private static final Path CLAUDE_CODE_LOG = Path.of("src/test/resources/agent-logs/claude-code/marot+spotter/short.jsonl");
    /** Hand-written after ZeroClaw's RuntimeTraceEvent (cli/src/test/resources/zeroclaw-trace/SOURCES.md). */
    private static final Path ZEROCLAW_TRACE = Path.of("src/test/resources/zeroclaw/state/runtime-trace.jsonl");
    private static final Instant IMPORTED_DAY = Instant.parse("2026-02-10T00:00:00Z");

    private final HttpClient http = E2eSystem.http();

    @TempDir
    Path temp;

    @Test
    void shouldCountEveryTurnOnceFromEveryEntryPointAcrossARestart() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UpOptions options = E2eSystem.options("system").withDataDir(temp.resolve("data"));
        Expected http = new Expected();
        Expected kafka = new Expected();
        Expected imported = new Expected();
        String ingestKey;

        try (SystemRunner runner = new SystemRunner(options, new Progress(System.out))) {
            RunningSystem system = runner.start();
            assertThat(runner.services()).extracting(ServiceProcess::name)
                    .containsExactly(SystemRunner.GATEWAY, SystemRunner.AGGREGATOR, SystemRunner.WRITER,
                            SystemRunner.QUERY_API);
            assertThat(runner.services()).allMatch(ServiceProcess::isAlive);
            assertThat(system.credentialsReused()).isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(system.credentialsFile())))
                    .isEqualTo("rw-------");
            assertThat(DemoCredentials.read(system.dataDir()).orElseThrow())
                    .containsEntry(DemoCredentials.INGEST_KEY, system.credentials().ingestKey())
                    .containsEntry(DemoCredentials.QUERY_KEY, system.credentials().queryKey())
                    .containsEntry(DemoCredentials.INGEST_URL, system.gateway().toString());
            ingestKey = system.credentials().ingestKey();

            sendOverHttp(system, now, http);
            sendToKafka(system, now, kafka);
            importClaudeCodeLog(system, imported);
            importZeroClawTrace(system);

            awaitSummaries(system, now, http, kafka, imported);
            assertTranscripts(system);
            assertThat(deadLetters(system.kafkaBootstrap())).as("the garbage record, on the DLQ with its reason")
                    .contains("this is not a turn event");
        }

        // A second run over the same data: same keys, same totals; and the banner's example turn counts as it says.
        try (SystemRunner runner = new SystemRunner(options, new Progress(System.out))) {
            RunningSystem system = runner.start();
            assertThat(system.dataReused()).isTrue();
            assertThat(system.credentialsReused()).isTrue();
            assertThat(system.credentials().ingestKey()).isEqualTo(ingestKey);
            awaitSummaries(system, now, http, kafka, imported);

            Expected example = new Expected();
            ObjectNode turn = (ObjectNode) Json.mapper().readTree(Banner.exampleTurn(now));
            example.add(turn, system.credentials().tenant());
            assertThat(example.costUsd).isEqualByComparingTo(Banner.EXAMPLE_COST);
            JsonNode answer = post(system.gateway().resolve("/v1/turns"), system.credentials().ingestKey(),
                    "application/json", turn.toString(), 200);
            assertThat(answer.path("accepted").asInt()).isEqualTo(1);
            Expected all = Expected.sum(http, kafka, imported, example);
            awaitSummary(system, "everything, with the example turn", IMPORTED_DAY.minus(1, ChronoUnit.DAYS),
                    now.plus(1, ChronoUnit.HOURS), null, all);
        }
    }

    @Test
    void shouldNameTheServiceThatDiesDuringStartShowItsLogAndStopTheRest() throws Exception {
        int kafkaPort = FreePorts.pick();
        int postgresPort = FreePorts.pick();
        UpOptions options = E2eSystem.options("failure").withDataDir(temp.resolve("failure"))
                .withPorts(Ports.FREE.with("kafka=" + kafkaPort + ",postgres=" + postgresPort))
                .withJavaOptions("-Xmx1k");
        SystemRunner runner = new SystemRunner(options, Progress.SILENT);

        assertThatThrownBy(runner::start)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("gateway exited with status 1 while starting")
                .hasMessageContaining("the last lines of its log")
                .hasMessageContaining("Too small maximum heap");
        assertThat(runner.services()).noneMatch(ServiceProcess::isAlive);
        assertThat(FreePorts.isFree(kafkaPort)).as("Kafka stopped").isTrue();
        assertThat(FreePorts.isFree(postgresPort)).as("PostgreSQL stopped").isTrue();
    }

    // ---- the three ways in ---------------------------------------------------------------------------------------

    /** 24 recent turns in 4 sessions, 3 odd ones (unpriced, reported cost, error without usage), 36 over 3 days. */
    private void sendOverHttp(RunningSystem system, Instant now, Expected expected) throws Exception {
        String[] models = {"claude-sonnet-4-5", "gpt-4o", "gpt-4o-mini", "claude-opus-4-6"};
        List<ObjectNode> turns = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            long input = 1_000 + 37L * i;
            ObjectNode turn = turn("http-" + i, now.minusSeconds(900 - 30L * i), "e2e-http-s" + (i % 4),
                    models[i % models.length], "e2e-http", i % 2 == 0 ? "planner" : "coder");
            ObjectNode usage = turn.putObject("usage").put("input_tokens", input).put("output_tokens", 100 + 11L * i);
            if (i % 2 == 0) {
                usage.put("cache_read_tokens", input / 4);
            }
            if (i % 3 == 0 && models[i % models.length].startsWith("claude")) {
                usage.put("cache_write_tokens", input / 8);
            }
            turn.put("duration_ms", 800 + 10L * i);
            turns.add(turn);
        }
        ObjectNode unpriced = turn("http-unpriced", now.minusSeconds(120), "e2e-http-s0", "e2e-no-such-model",
                "e2e-http", "planner");
        unpriced.putObject("usage").put("input_tokens", 500).put("output_tokens", 50);
        turns.add(unpriced);
        ObjectNode reported = turn("http-reported", now.minusSeconds(110), "e2e-http-s1", "gpt-4o", "e2e-http",
                "coder");
        reported.putObject("usage").put("input_tokens", 2_000).put("output_tokens", 200);
        reported.put("reported_cost_usd", new BigDecimal("0.25"));
        turns.add(reported);
        ObjectNode error = turn("http-error", now.minusSeconds(100), "e2e-http-s2", "claude-sonnet-4-5", "e2e-http",
                "coder");
        error.put("status", "error").put("error_type", "rate_limit");
        turns.add(error);
        // History: three days, in time order, over 12 sessions (so over every partition of agent-turns).
        Instant start = now.minus(3, ChronoUnit.DAYS);
        for (int i = 0; i < 36; i++) {
            ObjectNode turn = turn("hist-" + i, start.plus(2L * i, ChronoUnit.HOURS), "e2e-hist-s" + (i % 12),
                    models[i % 3], "e2e-http", "researcher");
            turn.putObject("usage").put("input_tokens", 4_000 + 101L * i).put("output_tokens", 300 + 7L * i)
                    .put("cache_read_tokens", 1_000);
            turns.add(turn);
        }
        turns.forEach(turn -> expected.add(turn, system.credentials().tenant()));

        String ndjson = turns.stream().map(JsonNode::toString).collect(Collectors.joining("\n", "", "\n"));
        JsonNode answer = post(system.gateway().resolve("/v1/turns"), system.credentials().ingestKey(),
                "application/x-ndjson", ndjson, 200);
        assertThat(answer.path("accepted").asInt()).isEqualTo(turns.size());
        // A client retrying part of the batch, as a JSON array: accepted again, counted once downstream.
        ArrayNode again = Json.mapper().createArrayNode();
        turns.subList(0, 10).forEach(again::add);
        answer = post(system.gateway().resolve("/v1/turns"), system.credentials().ingestKey(), "application/json",
                again.toString(), 200);
        assertThat(answer.path("accepted").asInt()).isEqualTo(10);
    }

    /** 20 turns by a plain producer (key tenant:session, tenant_id in the value), 5 sent twice, 1 garbage record. */
    private void sendToKafka(RunningSystem system, Instant now, Expected expected) throws Exception {
        String tenant = system.credentials().tenant();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<ObjectNode> turns = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ObjectNode turn = turn("kafka-" + i, now.minusSeconds(600 - 20L * i), "e2e-kafka-s" + (i % 2),
                        i % 2 == 0 ? "gpt-4o-mini" : "claude-sonnet-4-5", "e2e-kafka", "worker");
                turn.put("tenant_id", tenant);
                turn.putObject("usage").put("input_tokens", 3_000 + 13L * i).put("output_tokens", 400 + 3L * i)
                        .put("reasoning_tokens", 10L * i);
                turns.add(turn);
                expected.add(turn, tenant);
            }
            List<ObjectNode> sends = new ArrayList<>(turns);
            sends.addAll(turns.subList(0, 5));
            for (ObjectNode turn : sends) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.RAW_TURNS.name(),
                        Keys.session(tenant, turn.path("session_id").asText()),
                        turn.toString().getBytes(StandardCharsets.UTF_8));
                record.headers().add("agentmeter.source", "kafka".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
            producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(), Keys.session(tenant, "e2e-kafka-s0"),
                    "this is not a turn event".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** The importer (bin/agentmeter import), twice: the second import must change nothing. */
    private void importClaudeCodeLog(RunningSystem system, Expected expected) {
        for (int round = 0; round < 2; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"import", "--url", system.gateway().toString(), "--key",
                            system.credentials().ingestKey(), CLAUDE_CODE_LOG.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of());
            String report = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(status).as(report).isEqualTo(Main.EXIT_OK);
            assertThat(report).contains("1 turn event(s)").contains("1 accepted, 0 rejected");
        }
        // By hand from the file: five lines of one response (message.id + requestId) carry the same usage:
        // input_tokens 3, cache_read_input_tokens 11515, cache_creation_input_tokens 13835 (all of it 1-hour:
        // ephemeral_1h_input_tokens 13835), output_tokens 13, model claude-opus-4-6. So the turn has input
        // 3 + 11515 + 13835 = 25353 and costs, at claude-opus-4-6's shipped rates ($5/M input, $0.50/M cache
        // read, $10/M 1-hour cache write, $25/M output): 3 × 5e-6 + 11515 × 5e-7 + 13835 × 1e-5 + 13 × 2.5e-5
        // = 0.000015 + 0.0057575 + 0.13835 + 0.000325 = 0.1444475.
        expected.turns = 1;
        expected.sessions.add("55604662-cf2a-4331-851a-ec234028f8ca");
        expected.inputTokens = 25_353L;
        expected.inputTurns = 1;
        expected.outputTokens = 13L;
        expected.outputTurns = 1;
        expected.cacheReadTokens = 11_515L;
        expected.cacheReadTurns = 1;
        expected.costUsd = new BigDecimal("0.1444475");
        expected.costTurns = 1;
    }

    /**
     * ZeroClaw's runtime trace through the importer, twice (the second import must change nothing): seven events
     * become activity, three bad lines are reported with file and line. Never spend: the summaries above do not move.
     */
    private void importZeroClawTrace(RunningSystem system) throws IOException {
        Path trace = temp.resolve("zeroclaw/state/runtime-trace.jsonl");
        Files.createDirectories(trace.getParent());
        Files.copy(ZEROCLAW_TRACE, trace);
        for (int round = 0; round < 2; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"import", "--url", system.gateway().toString(), "--key",
                            system.credentials().ingestKey(), trace.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of());
            String report = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(status).as(report).isEqualTo(Main.EXIT_OK);
            assertThat(report).contains("zeroclaw-trace: 1 file(s), 7 activity event(s)")
                    .contains("7 accepted, 0 rejected").contains(trace + ":8: not valid JSON")
                    .contains(trace + ":9: ZeroClaw runtime trace event without event_type");
        }
    }

    /**
     * The imported runs' transcripts from the query API, as the writer stored them: each run's entries once, in time
     * order, with the user's prompt text for the developer key and withheld from a viewer key.
     */
    private void assertTranscripts(RunningSystem system) throws Exception {
        String run = "7e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c";
        URI transcript = system.queryApi().resolve("/v1/sessions/" + run + "/activity");
        Supplier<List<String>> steps = () -> {
            try {
                List<String> seen = new ArrayList<>();
                get(transcript, system.credentials().queryKey()).path("entries").forEach(entry -> seen.add(
                        entry.path("kind").asText() + "/" + entry.path("name").asText() + "/"
                                + entry.path("status").asText()));
                return seen;
            } catch (IOException | InterruptedException e) {
                return List.of(e.toString());
            }
        };
        List<String> expected = List.of("api_request/llm_request/null", "reply/llm_response/ok",
                "tool_call/http_request/null", "tool_call/http_request/ok", "tool_call/shell/error",
                "reply/turn_final_response/ok");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!steps.get().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(steps.get()).as("the run's activity, once each, in time order").isEqualTo(expected);

        URI prompt = system.queryApi().resolve("/v1/sessions/zeroclaw:telegram/activity");
        JsonNode developer = get(prompt, system.credentials().queryKey()).path("entries").path(0);
        assertThat(developer.path("kind").asText()).isEqualTo("user_prompt");
        assertThat(developer.path("payload").asText()).isEqualTo("what is the weather in Seoul?");
        JsonNode viewer = get(prompt, viewerKey(system)).path("entries").path(0);
        assertThat(viewer.path("payload").isNull()).as("a viewer sees no payload text: " + viewer).isTrue();
        assertThat(viewer.path("payload_withheld").asBoolean()).isTrue();
    }

    /** A viewer query key of the demo tenant, made with the admin secret kept in the keys file. */
    private String viewerKey(RunningSystem system) throws Exception {
        String secret = DemoCredentials.read(system.dataDir()).orElseThrow().get(DemoCredentials.ADMIN_SECRET);
        String body = Json.mapper().createObjectNode().put("tenant_id", system.credentials().tenant())
                .put("name", "e2e viewer").put("kind", "query").put("role", "viewer").toString();
        JsonNode key = post(system.gateway().resolve("/admin/keys"), secret, "application/json", body, 201);
        return key.path("key").asText();
    }

    // ---- reading back ----------------------------------------------------------------------------------------------

    private void awaitSummaries(RunningSystem system, Instant now, Expected http, Expected kafka, Expected imported)
            throws Exception {
        Instant from = now.minus(4, ChronoUnit.DAYS);
        Instant to = now.plus(1, ChronoUnit.HOURS);
        awaitSummary(system, "HTTP turns", from, to, "e2e-http", http);
        awaitSummary(system, "Kafka turns", from, to, "e2e-kafka", kafka);
        awaitSummary(system, "the imported Claude Code turn", IMPORTED_DAY, IMPORTED_DAY.plus(1, ChronoUnit.DAYS),
                "spotter", imported);
        awaitSummary(system, "everything", IMPORTED_DAY.minus(1, ChronoUnit.DAYS), to, null,
                Expected.sum(http, kafka, imported));
    }

    /** Polls {@code GET /v1/summary} until its current period shows exactly {@code expected}, or fails with the diff. */
    private void awaitSummary(RunningSystem system, String what, Instant from, Instant to, String project,
                              Expected expected) throws Exception {
        String query = "/v1/summary?from=" + from + "&to=" + to
                + (project == null ? "" : "&project=" + URLEncoder.encode(project, StandardCharsets.UTF_8));
        Supplier<Map<String, String>> actual = () -> {
            try {
                return Expected.figuresOf(get(system.queryApi().resolve(query), system.credentials().queryKey())
                        .path("current"));
            } catch (IOException | InterruptedException e) {
                return Map.of("error", e.toString());
            }
        };
        long deadline = System.nanoTime() + PIPELINE_DEADLINE.toNanos();
        Map<String, String> last = actual.get();
        while (!last.equals(expected.figures()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = actual.get();
        }
        assertThat(last).as("summary of %s (%s), within %s s", what, query, PIPELINE_DEADLINE.toSeconds())
                .isEqualTo(expected.figures());
    }

    private String deadLetters(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlq-reader-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        StringBuilder seen = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TURNS_DLQ.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.length() == 0 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        return seen.toString();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static ObjectNode turn(String id, Instant at, String session, String model, String project,
                                   String agent) {
        ObjectNode turn = Json.mapper().createObjectNode();
        turn.put("event_id", "e2e-" + id).put("occurred_at", at.toString()).put("session_id", session)
                .put("model", model).put("project", project).put("agent", agent);
        return turn;
    }

    private JsonNode post(URI uri, String key, String contentType, String body, int status)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("POST %s: %s", uri, answer.body()).isEqualTo(status);
        return Json.mapper().readTree(answer.body());
    }

    private JsonNode get(URI uri, String key) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return Json.mapper().createObjectNode().put("status", answer.statusCode()).put("body", answer.body());
        }
        return Json.mapper().readTree(answer.body());
    }

    /**
     * The figures a set of turns must show, computed here: token sums and coverage (a count not reported is not
     * summed and not covered), and the cost of each turn by {@code CostEngine} on the shipped price book (a reported
     * cost wins; an unknown model is unpriced, not $0).
     */
    static final class Expected {
        long turns;
        long errorTurns;
        final java.util.Set<String> sessions = new java.util.TreeSet<>();
        Long inputTokens;
        long inputTurns;
        Long outputTokens;
        long outputTurns;
        Long cacheReadTokens;
        long cacheReadTurns;
        Long reasoningTokens;
        long reasoningTurns;
        BigDecimal costUsd;
        long costTurns;
        long unpricedTurns;

        void add(ObjectNode json, String tenant) {
            ObjectNode withTenant = json.deepCopy().put("tenant_id", tenant);
            var event = new io.agentmeter.schema.event.TurnEventReader().read(withTenant).orElseThrow();
            var cost = io.agentmeter.pricing.CostEngine.price(event, PRICES);
            turns++;
            if (event.isError()) {
                errorTurns++;
            }
            sessions.add(event.sessionId());
            var usage = event.usageOrUnknown();
            if (usage.inputTokens() != null) {
                inputTokens = (inputTokens == null ? 0 : inputTokens) + usage.inputTokens();
                inputTurns++;
            }
            if (usage.outputTokens() != null) {
                outputTokens = (outputTokens == null ? 0 : outputTokens) + usage.outputTokens();
                outputTurns++;
            }
            if (usage.cacheReadTokens() != null) {
                cacheReadTokens = (cacheReadTokens == null ? 0 : cacheReadTokens) + usage.cacheReadTokens();
                cacheReadTurns++;
            }
            if (usage.reasoningTokens() != null) {
                reasoningTokens = (reasoningTokens == null ? 0 : reasoningTokens) + usage.reasoningTokens();
                reasoningTurns++;
            }
            if (cost.hasTotal()) {
                costUsd = (costUsd == null ? BigDecimal.ZERO : costUsd).add(cost.totalUsd());
                costTurns++;
            }
            if (cost.status() == io.agentmeter.pricing.CostStatus.UNPRICED) {
                unpricedTurns++;
            }
        }

        static Expected sum(Expected... parts) {
            Expected sum = new Expected();
            for (Expected part : parts) {
                sum.turns += part.turns;
                sum.errorTurns += part.errorTurns;
                sum.sessions.addAll(part.sessions);
                sum.inputTokens = plus(sum.inputTokens, part.inputTokens);
                sum.inputTurns += part.inputTurns;
                sum.outputTokens = plus(sum.outputTokens, part.outputTokens);
                sum.outputTurns += part.outputTurns;
                sum.cacheReadTokens = plus(sum.cacheReadTokens, part.cacheReadTokens);
                sum.cacheReadTurns += part.cacheReadTurns;
                sum.reasoningTokens = plus(sum.reasoningTokens, part.reasoningTokens);
                sum.reasoningTurns += part.reasoningTurns;
                sum.costUsd = part.costUsd == null ? sum.costUsd
                        : (sum.costUsd == null ? BigDecimal.ZERO : sum.costUsd).add(part.costUsd);
                sum.costTurns += part.costTurns;
                sum.unpricedTurns += part.unpricedTurns;
            }
            return sum;
        }

        private static Long plus(Long a, Long b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return a + b;
        }

        Map<String, String> figures() {
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("sessions", Long.toString(sessions.size()));
            figures.put("turns", Long.toString(turns));
            figures.put("error_turns", Long.toString(errorTurns));
            figures.put("input_tokens", String.valueOf(inputTokens));
            figures.put("input_tokens_turns", Long.toString(inputTurns));
            figures.put("output_tokens", String.valueOf(outputTokens));
            figures.put("output_tokens_turns", Long.toString(outputTurns));
            figures.put("cache_read_tokens", String.valueOf(cacheReadTokens));
            figures.put("cache_read_tokens_turns", Long.toString(cacheReadTurns));
            figures.put("reasoning_tokens", String.valueOf(reasoningTokens));
            figures.put("reasoning_tokens_turns", Long.toString(reasoningTurns));
            figures.put("cost_usd", costUsd == null ? "null" : costUsd.stripTrailingZeros().toPlainString());
            figures.put("cost_turns", Long.toString(costTurns));
            figures.put("unpriced_turns", Long.toString(unpricedTurns));
            return figures;
        }

        /** The same figures from a summary period ({@code current}) of the query API. */
        static Map<String, String> figuresOf(JsonNode period) {
            JsonNode f = period.path("figures");
            if (f.isMissingNode()) {
                return Map.of("answer", period.toString());
            }
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("sessions", period.path("sessions").asText());
            for (String name : List.of("turns", "error_turns", "input_tokens", "input_tokens_turns", "output_tokens",
                    "output_tokens_turns", "cache_read_tokens", "cache_read_tokens_turns", "reasoning_tokens",
                    "reasoning_tokens_turns")) {
                figures.put(name, f.path(name).isNull() ? "null" : f.path(name).asText());
            }
            figures.put("cost_usd", f.path("cost_usd").isNull() ? "null"
                    : f.path("cost_usd").decimalValue().stripTrailingZeros().toPlainString());
            figures.put("cost_turns", f.path("cost_turns").asText());
            figures.put("unpriced_turns", f.path("unpriced_turns").asText());
            return figures;
        }
    }
}
