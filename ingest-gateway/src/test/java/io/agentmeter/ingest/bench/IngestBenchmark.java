package io.agentmeter.ingest.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.ingest.otlp.LogRouter;
import io.agentmeter.localstack.FreePorts;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.localstack.LocalKafka;
import io.agentmeter.localstack.LocalPostgres;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest benchmark, run by hand (not a test): a real broker and PostgreSQL in this JVM, the gateway as its own JVM from
 * the built {@code target/quarkus-app}, and, on the same broker with the same turns:
 * <ol>
 *   <li>the raw KafkaProducer rate (acks=all, idempotent, lz4: the gateway's settings), as the ceiling;</li>
 *   <li>the sustained HTTP rate of each ingest door: several clients in a closed loop, counting accepted events,
 *       <ul>
 *         <li>POST /v1/turns with NDJSON batches of 100 turn events of about 500 bytes;</li>
 *         <li>POST /v1/logs with OTLP log exports (protobuf) of 100 Claude Code {@code claude_code.api_request}
 *             records carrying the same turns (model, session, user, agent, duration, tokens; {@link ClaudeCodeLogs}),
 *             which the gateway maps into turn events;</li>
 *       </ul>
 *       and the ratios /v1/logs / /v1/turns and each / raw. The three are warmed up and then measured in rounds of
 *       short slices, the order reversed every other round, so that the ratios compare rates measured under the same
 *       load of a shared machine ({@link #compare});</li>
 *   <li>latency at 70% of the /v1/turns rate, open loop: requests are sent on a fixed schedule whatever the answers do,
 *       and each latency is measured from its scheduled time (no coordinated omission).</li>
 * </ol>
 * <pre>
 * ./mvnw -B -o -q -pl ingest-gateway -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * cd ingest-gateway && flock -x /tmp/agentmeter-cpu.lock java \
 *     -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
 *     io.agentmeter.ingest.bench.IngestBenchmark [--clients 8 --warmup 10 --seconds 20]
 * </pre>
 * <p>The classpath is the reactor's ({@code -am}: this tree's {@code schemas} and {@code local-stack}, not
 * {@code ~/.m2}'s); {@code flock} keeps other benchmarks on the shared machine from running at the same time.
 * <p>Options: {@code --clients N} (8), {@code --warmup S} (10: warm-up of each of the three, split into the rounds),
 * {@code --seconds S} (20: measured time of each, split into the rounds), {@code --rounds N} (4), {@code --load F}
 * (0.7 of the measured /v1/turns rate for the open loop), {@code --open-rate E} (a fixed open-loop rate in events/s
 * instead), {@code --compression C} (lz4), {@code --linger-ms N} (2), {@code --jvm "..."} (the gateway JVM's options).
 */
public final class IngestBenchmark {

    private static final String ADMIN_SECRET = "bench-admin-secret-0123456789";
    private static final int BATCH = 100;
    private static final int EVENT_BYTES = 500;
    private static final String PROTOBUF = "application/x-protobuf";
    /** Unmeasured time at the start of each closed-loop slice, for the clients to reach a steady state. */
    private static final Duration LEAD_IN = Duration.ofSeconds(1);

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String key;
    private Process gateway;

    private IngestBenchmark(Options options) {
        this.options = options;
    }

    record Options(int clients, int warmupSeconds, int seconds, double loadFactor, Path gatewayDirectory,
                   String gatewayJvmOptions, String compression, int lingerMs, double openRate, int rounds) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            return new Options(
                    Integer.parseInt(values.getOrDefault("clients", "8")),
                    Integer.parseInt(values.getOrDefault("warmup", "10")),
                    Integer.parseInt(values.getOrDefault("seconds", "20")),
                    Double.parseDouble(values.getOrDefault("load", "0.7")),
                    Path.of(values.getOrDefault("gateway", findGateway())),
                    values.getOrDefault("jvm", "-Xms512m -Xmx1g"),
                    values.getOrDefault("compression", "lz4"),
                    Integer.parseInt(values.getOrDefault("linger-ms", "2")),
                    Double.parseDouble(values.getOrDefault("open-rate", "0")),
                    Integer.parseInt(values.getOrDefault("rounds", "4")));
        }

        private static String findGateway() {
            for (String candidate : List.of("target/quarkus-app", "ingest-gateway/target/quarkus-app")) {
                if (Files.exists(Path.of(candidate, "quarkus-run.jar"))) {
                    return candidate;
                }
            }
            return "ingest-gateway/target/quarkus-app";
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options = Options.parse(args);
        if (!Files.exists(options.gatewayDirectory().resolve("quarkus-run.jar"))) {
            System.err.println("No " + options.gatewayDirectory().resolve("quarkus-run.jar")
                    + "; build it first: ./mvnw -B -o -pl ingest-gateway -am package -DskipTests");
            System.exit(2);
        }
        new IngestBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (LocalPostgres postgres = LocalPostgres.startEphemeral(); LocalKafka kafka = LocalKafka.startEphemeral()) {
            postgres.createDatabase("agentmeter");
            int port = FreePorts.pick();
            base = "http://127.0.0.1:" + port;
            gateway = startGateway(kafka, postgres, port);
            try {
                awaitReady();
                key = createKey();
                Workload turns = turns(64);
                Workload logs = claudeCodeLogs(64);
                for (Workload workload : List.of(turns, logs)) {
                    check(workload);
                }
                System.out.printf("request bodies: %d events; /v1/turns NDJSON %d bytes, /v1/logs protobuf %d bytes;"
                        + " records as published: %d bytes from /v1/turns, %d bytes from /v1/logs%n", BATCH,
                        turns.bodies().get(0).length, logs.bodies().get(0).length,
                        event(BenchTurn.endedAMinuteAgo(1, 1)).put("tenant_id", "bench").toString().length(),
                        publishedFromLogs(logs.bodies().get(0)));

                double turnsRate = compare(kafka, turns, logs);

                double target = options.openRate() > 0 ? options.openRate() : turnsRate * options.loadFactor();
                Latencies latency = openLoop(turns, target / BATCH);
                String label = options.openRate() > 0 ? "open loop at fixed rate" : String.format("open loop at %.0f%%",
                        options.loadFactor() * 100);
                System.out.printf("%-25s: %,10.0f events/s   (%s, %.0f requests/s, %d s): p50 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms, %d errors of %d requests%n", label,
                        latency.achievedEventsPerSecond(), turns.path(), target / BATCH, options.seconds(),
                        latency.p50(), latency.p99(), latency.max(), latency.errors(), latency.requests());
            } finally {
                gateway.destroy();
                if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            }
        }
    }

    // ---- the gateway process --------------------------------------------------------------------------------

    private Process startGateway(LocalKafka kafka, LocalPostgres postgres, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(options.gatewayJvmOptions().trim().split("\\s+")));
        command.add("-jar");
        command.add(options.gatewayDirectory().resolve("quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AGENTMETER_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("AGENTMETER_DB_URL", postgres.jdbcUrl("agentmeter"));
        env.put("AGENTMETER_DB_USER", postgres.username());
        env.put("AGENTMETER_DB_PASSWORD", postgres.password());
        env.put("AGENTMETER_ADMIN_SECRET", ADMIN_SECRET);
        env.put("AGENTMETER_INGEST_RATE_LIMIT_ENABLED", "false");
        env.put("AGENTMETER_KAFKA_COMPRESSION", options.compression());
        env.put("AGENTMETER_KAFKA_LINGER", options.lingerMs() + "ms");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        Path log = options.gatewayDirectory().toAbsolutePath().getParent().resolve("bench-gateway.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        System.out.println("gateway: " + String.join(" ", command) + "  (log: " + log + ")");
        return builder.start();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + gateway.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway was not ready within 90 s");
    }

    private String createKey() throws Exception {
        post("/admin/tenants", "{\"tenant_id\": \"bench\", \"name\": \"benchmark\"}", ADMIN_SECRET);
        String created = post("/admin/keys", "{\"tenant_id\": \"bench\", \"name\": \"bench\"}", ADMIN_SECRET);
        return Json.mapper().readTree(created).get("key").textValue();
    }

    private String post(String path, String json, String bearer) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * Sends one body of {@code workload} and stops the benchmark unless all its events were accepted (and, for OTLP,
     * none rejected or ignored).
     */
    private void check(Workload workload) throws Exception {
        HttpResponse<byte[]> response = http.send(workload.request(base, key, 0),
                HttpResponse.BodyHandlers.ofByteArray());
        boolean partial = workload.contentType().equals(PROTOBUF) && response.statusCode() == 200
                && ExportLogsServiceResponse.parseFrom(response.body()).hasPartialSuccess();
        if (workload.accepted(response) != BATCH || partial) {
            throw new IllegalStateException(workload.path() + " accepted " + workload.accepted(response) + " of "
                    + BATCH + " events: " + response.statusCode() + " " + describe(workload, response.body()));
        }
    }

    private static String describe(Workload workload, byte[] response) throws Exception {
        return workload.contentType().equals(PROTOBUF)
                ? ExportLogsServiceResponse.parseFrom(response).toString()
                : new String(response, StandardCharsets.UTF_8);
    }

    // ---- the workload ----------------------------------------------------------------------------------------

    /** The turn event of {@code turn}, of about {@link #EVENT_BYTES} bytes as compact JSON, every one different. */
    private static ObjectNode event(BenchTurn turn) {
        ObjectNode event = Json.mapper().createObjectNode();
        Instant end = turn.end();
        event.put("event_id", UUID.randomUUID().toString());
        event.put("occurred_at", end.toString());
        event.put("started_at", end.minusMillis(BenchTurn.DURATION_MS).toString());
        event.put("duration_ms", BenchTurn.DURATION_MS);
        event.put("session_id", turn.sessionId());
        event.put("turn_index", turn.turn());
        event.put("model", BenchTurn.MODEL);
        event.put("provider", BenchTurn.PROVIDER);
        event.put("agent", BenchTurn.AGENT);
        event.put("user_id", turn.userId());
        ObjectNode usage = event.putObject("usage");
        usage.put("input_tokens", turn.inputTokens());
        usage.put("output_tokens", BenchTurn.OUTPUT_TOKENS);
        usage.put("cache_read_tokens", BenchTurn.CACHE_READ_TOKENS);
        event.putArray("tools").addObject().put("name", "search_code").put("calls", 2);
        event.putObject("params").put("temperature", 0.2);
        int room = EVENT_BYTES - event.toString().length() - ",\"prompt\":{\"hash\":\"\"}".length()
                - ",\"tenant_id\":\"bench\"".length();
        event.putObject("prompt").put("hash", "h".repeat(Math.max(1, room)));
        return event;
    }

    /** The turns of body {@code b}: {@link #BATCH} of them over 10 sessions. */
    private static List<BenchTurn> batch(int b) {
        List<BenchTurn> turns = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            turns.add(BenchTurn.endedAMinuteAgo(b * 7 + i % 10, i));
        }
        return turns;
    }

    /** POST /v1/turns, NDJSON; 200 only when every item was accepted (the mixed-batch rule). */
    private static Workload turns(int count) {
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            StringBuilder lines = new StringBuilder();
            for (BenchTurn turn : batch(b)) {
                lines.append(event(turn)).append('\n');
            }
            bodies.add(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new Workload("/v1/turns", "application/x-ndjson", bodies,
                response -> response.statusCode() == 200 ? BATCH : 0);
    }

    /** POST /v1/logs, OTLP protobuf: the same turns as Claude Code {@code api_request} log records. */
    private static Workload claudeCodeLogs(int count) {
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            bodies.add(ClaudeCodeLogs.export(batch(b), b * BATCH).toByteArray());
        }
        return new Workload("/v1/logs", PROTOBUF, bodies,
                response -> ClaudeCodeLogs.accepted(response.statusCode(), response.body(), BATCH));
    }

    /** The size of the first turn event the gateway makes of an export, with the tenant it adds. */
    private static int publishedFromLogs(byte[] export) throws Exception {
        ObjectNode turn = new LogRouter().route(ExportLogsServiceRequest.parseFrom(export)).turns().get(0);
        return turn.put("tenant_id", "bench").toString().length();
    }

    /**
     * One kind of request the load loops send.
     *
     * @param path        where to
     * @param contentType as what
     * @param bodies      the bodies, sent in turn, each of {@link #BATCH} events
     * @param accepted    how many events an answer says were accepted
     */
    record Workload(String path, String contentType, List<byte[]> bodies,
                    ToIntFunction<HttpResponse<byte[]>> accepted) {

        HttpRequest request(String base, String key, int index) {
            return HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", contentType)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(index % bodies.size())))
                    .build();
        }

        int accepted(HttpResponse<byte[]> response) {
            return accepted.applyAsInt(response);
        }
    }

    // ---- 1 and 2. raw producer and closed loops, in rounds ----------------------------------------------------

    /**
     * Events (or records) counted in a measured time, with the CPU the gateway and this JVM spent meanwhile.
     */
    record Slice(long events, long nanos, long gatewayCpuNanos, long ownCpuNanos) {

        static final Slice NONE = new Slice(0, 0, 0, 0);

        Slice plus(Slice other) {
            return new Slice(events + other.events, nanos + other.nanos, gatewayCpuNanos + other.gatewayCpuNanos,
                    ownCpuNanos + other.ownCpuNanos);
        }

        double rate() {
            return events / (nanos / 1e9);
        }
    }

    /**
     * The raw producer and both doors in rounds, each round a slice of each, the order reversed every other round
     * (raw, turns, logs; logs, turns, raw): the load others put on the machine changes from minute to minute, and
     * slices this close together see about the same load, so the ratios hold where the rates do not. First
     * {@code --rounds} rounds of {@code --warmup / --rounds} not counted (so the gateway's JIT has seen both doors
     * before anything is measured: warmed up one after the other, the first measured round was off), then
     * {@code --rounds} of {@code --seconds / --rounds}. Returns the /v1/turns rate.
     */
    private double compare(LocalKafka kafka, Workload turns, Workload logs) throws InterruptedException {
        Duration warmup = Duration.ofMillis(options.warmupSeconds() * 1000L / options.rounds());
        Duration slice = Duration.ofMillis(options.seconds() * 1000L / options.rounds());
        Slice raw = Slice.NONE;
        Slice turnsTotal = Slice.NONE;
        Slice logsTotal = Slice.NONE;
        List<byte[]> values = rawValues();
        try (KafkaProducer<String, byte[]> producer = rawProducer(kafka)) {
            for (int round = 1; round <= options.rounds(); round++) {
                round(round, warmup, producer, values, turns, logs);
            }
            for (int round = 1; round <= options.rounds(); round++) {
                Slice[] measured = round(round, slice, producer, values, turns, logs);
                System.out.printf("round %d of %d, %4.1f s each: raw %,9.0f records/s, /v1/turns %,8.0f events/s,"
                        + " /v1/logs %,8.0f events/s; logs / turns %.2f%n", round, options.rounds(),
                        slice.toMillis() / 1e3, measured[0].rate(), measured[1].rate(), measured[2].rate(),
                        measured[2].rate() / measured[1].rate());
                raw = raw.plus(measured[0]);
                turnsTotal = turnsTotal.plus(measured[1]);
                logsTotal = logsTotal.plus(measured[2]);
            }
        }
        System.out.printf("raw KafkaProducer        : %,10.0f records/s  (same records, acks=all, idempotent, %s,"
                + " linger %d ms)%n", raw.rate(), options.compression(), options.lingerMs());
        print(turns, turnsTotal);
        print(logs, logsTotal);
        System.out.printf("ratio /v1/turns / raw    : %10.2f%n", turnsTotal.rate() / raw.rate());
        System.out.printf("ratio /v1/logs / raw     : %10.2f%n", logsTotal.rate() / raw.rate());
        System.out.printf("ratio /v1/logs / turns   : %10.2f  (OTLP logs protobuf / NDJSON)%n",
                logsTotal.rate() / turnsTotal.rate());
        // Under CPU contention the rates follow the share of the cores the gateway gets; its CPU per event less so.
        System.out.printf("gateway CPU per event, /v1/logs / turns: %.2f%n",
                perEvent(logsTotal.gatewayCpuNanos(), logsTotal) / perEvent(turnsTotal.gatewayCpuNanos(), turnsTotal));
        return turnsTotal.rate();
    }

    /** One slice each of the raw producer, /v1/turns and /v1/logs, in that order or, in even rounds, reversed. */
    private Slice[] round(int round, Duration slice, KafkaProducer<String, byte[]> producer, List<byte[]> values,
                          Workload turns, Workload logs) throws InterruptedException {
        Slice[] measured = new Slice[3];
        if (round % 2 == 1) {
            measured[0] = rawSlice(producer, values, slice);
            measured[1] = closedLoop(turns, LEAD_IN, slice);
            measured[2] = closedLoop(logs, LEAD_IN, slice);
        } else {
            measured[2] = closedLoop(logs, LEAD_IN, slice);
            measured[1] = closedLoop(turns, LEAD_IN, slice);
            measured[0] = rawSlice(producer, values, slice);
        }
        return measured;
    }

    private void print(Workload workload, Slice total) {
        System.out.printf("HTTP POST %-15s: %,10.0f events/s   (%s, batches of %d, %d clients, closed loop, %d s)%n",
                workload.path(), total.rate(), workload.contentType(), BATCH, options.clients(), options.seconds());
        System.out.printf("  CPU per accepted event : gateway %.1f us, broker + clients %.1f us%n",
                perEvent(total.gatewayCpuNanos(), total), perEvent(total.ownCpuNanos(), total));
    }

    private static double perEvent(long cpuNanos, Slice slice) {
        return cpuNanos / 1e3 / slice.events();
    }

    private KafkaProducer<String, byte[]> rawProducer(LocalKafka kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compression());
        config.put(ProducerConfig.LINGER_MS_CONFIG, options.lingerMs());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** The /v1/turns events as the gateway publishes them (tenant appended). */
    private static List<byte[]> rawValues() {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String value = event(BenchTurn.endedAMinuteAgo(i, i)).put("tenant_id", "bench").toString();
            values.add(value.getBytes(StandardCharsets.UTF_8));
        }
        return values;
    }

    /** Records acknowledged while sending for {@code duration}, then flushing. */
    private static Slice rawSlice(KafkaProducer<String, byte[]> producer, List<byte[]> values, Duration duration) {
        LongAdder acked = new LongAdder();
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(),
                        Keys.session("bench", "session-" + (i % 70)), values.get(i)), (metadata, failure) -> {
                            if (failure == null) {
                                acked.increment();
                            }
                        });
            }
        }
        producer.flush();
        return new Slice(acked.sum(), System.nanoTime() - started, 0, 0);
    }

    /**
     * {@code --clients} clients sending {@code workload} back to back for {@code leadIn + measured}; counts the events
     * accepted by the answers that arrive in the {@code measured} part, and the CPU spent in it.
     */
    private Slice closedLoop(Workload workload, Duration leadIn, Duration measured) throws InterruptedException {
        LongAdder accepted = new LongAdder();
        LongAdder failed = new LongAdder();
        long from = System.nanoTime() + leadIn.toNanos();
        long end = from + measured.toNanos();
        CountDownLatch done = new CountDownLatch(options.clients());
        for (int c = 0; c < options.clients(); c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                int i = client;
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<byte[]> response = http.send(workload.request(base, key, i++),
                                HttpResponse.BodyHandlers.ofByteArray());
                        int events = workload.accepted(response);
                        if (events < BATCH) {
                            failed.increment();
                        }
                        long now = System.nanoTime();
                        if (now > from && now <= end) {
                            accepted.add(events);
                        }
                    } catch (IOException e) {
                        failed.increment();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                done.countDown();
            }, "bench-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        TimeUnit.NANOSECONDS.sleep(from - System.nanoTime());
        Duration gatewayCpu = cpu(gateway);
        Duration ownCpu = cpu(ProcessHandle.current());
        TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
        long gatewayNanos = cpu(gateway).minus(gatewayCpu).toNanos();
        long ownNanos = cpu(ProcessHandle.current()).minus(ownCpu).toNanos();
        done.await();
        if (failed.sum() > 0) {
            System.out.println("closed loop " + workload.path() + ": " + failed.sum() + " requests failed");
        }
        return new Slice(accepted.sum(), end - from, gatewayNanos, ownNanos);
    }

    // ---- 3. open loop ----------------------------------------------------------------------------------------

    record Latencies(double p50, double p99, double max, long errors, int requests, double achievedEventsPerSecond) {
    }

    private Latencies openLoop(Workload workload, double requestsPerSecond) throws InterruptedException {
        // A short warm-up at the same rate, then the measured run.
        runOpenLoop(workload, requestsPerSecond, Math.min(5, options.warmupSeconds()));
        return runOpenLoop(workload, requestsPerSecond, options.seconds());
    }

    private Latencies runOpenLoop(Workload workload, double requestsPerSecond, int seconds)
            throws InterruptedException {
        int requests = (int) Math.round(requestsPerSecond * seconds);
        long intervalNanos = (long) (1e9 / requestsPerSecond);
        long[] latencies = new long[requests];
        LongAdder errors = new LongAdder();
        LongAdder accepted = new LongAdder();
        CountDownLatch answered = new CountDownLatch(requests);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < requests; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            http.sendAsync(workload.request(base, key, i), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, failure) -> {
                        latencies[index] = System.nanoTime() - intended;
                        int events = failure == null ? workload.accepted(response) : 0;
                        if (events < BATCH) {
                            errors.increment();
                        }
                        accepted.add(events);
                        answered.countDown();
                    });
        }
        answered.await(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Latencies(percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                errors.sum(), requests, accepted.sum() / elapsed);
    }

    private static double percentile(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static Duration cpu(Process process) {
        return cpu(process.toHandle());
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
