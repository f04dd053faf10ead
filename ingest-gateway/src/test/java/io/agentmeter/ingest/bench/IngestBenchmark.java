package io.agentmeter.ingest.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.kafka.Keys;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.localstack.LocalKafka;
import io.agentmeter.localstack.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest benchmark, run by hand (not a test): a real broker and PostgreSQL in this JVM, the gateway as its own JVM from
 * the built {@code target/quarkus-app}, and, on the same broker with the same record size:
 * <ol>
 *   <li>the raw KafkaProducer rate (acks=all, idempotent, lz4: the gateway's settings), as the ceiling;</li>
 *   <li>the sustained HTTP rate: several clients in a closed loop, POST /v1/turns with batches of 100 events of about
 *       500 bytes, counting accepted events;</li>
 *   <li>latency at 70% of that rate, open loop: requests are sent on a fixed schedule whatever the answers do, and
 *       each latency is measured from its scheduled time (no coordinated omission).</li>
 * </ol>
 * <pre>
 * ./mvnw -B -o -pl ingest-gateway package -DskipTests
 * ./mvnw -B -o -q -pl ingest-gateway exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.agentmeter.ingest.bench.IngestBenchmark [-Dexec.args="--clients 8 --seconds 20"]
 * </pre>
 * Options: {@code --clients N} (8), {@code --warmup S} (10), {@code --seconds S} (20), {@code --load F} (0.7 of the
 * measured rate for the open loop), {@code --open-rate E} (a fixed open-loop rate in events/s instead),
 * {@code --compression C} (lz4), {@code --linger-ms N} (2), {@code --jvm "..."} (the gateway JVM's options).
 */
public final class IngestBenchmark {

    private static final String ADMIN_SECRET = "bench-admin-secret-0123456789";
    private static final int BATCH = 100;
    private static final int EVENT_BYTES = 500;

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String key;

    private IngestBenchmark(Options options) {
        this.options = options;
    }

    record Options(int clients, int warmupSeconds, int seconds, double loadFactor, Path gatewayDirectory,
                   String gatewayJvmOptions, String compression, int lingerMs, double openRate) {

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
                    Double.parseDouble(values.getOrDefault("open-rate", "0")));
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
                    + "; build it first: ./mvnw -B -o -pl ingest-gateway package -DskipTests");
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
            int port = freePort();
            base = "http://127.0.0.1:" + port;
            Process gateway = startGateway(kafka, postgres, port);
            try {
                awaitReady(gateway);
                key = createKey();
                List<byte[]> bodies = bodies(64);
                System.out.printf("request body: %d events, %d bytes; records of %d bytes as published%n", BATCH,
                        bodies.get(0).length, event(1, 1).put("tenant_id", "bench").toString().length());

                double raw = rawProducer(kafka);
                System.out.printf("raw KafkaProducer        : %,10.0f records/s  (same records, acks=all, idempotent,"
                        + " %s, linger %d ms)%n", raw, options.compression(), options.lingerMs());

                Duration gatewayCpu = cpu(gateway);
                Duration ownCpu = cpu(ProcessHandle.current());
                double sustained = closedLoop(bodies);
                double events = sustained * options.seconds();
                System.out.printf("HTTP POST /v1/turns      : %,10.0f events/s   (batches of %d, %d clients,"
                        + " closed loop, %d s)%n", sustained, BATCH, options.clients(), options.seconds());
                System.out.printf("CPU per accepted event   : gateway %.1f us, broker + clients %.1f us"
                        + " (warm-up included)%n", cpu(gateway).minus(gatewayCpu).toNanos() / 1e3 / events,
                        cpu(ProcessHandle.current()).minus(ownCpu).toNanos() / 1e3 / events);
                System.out.printf("ratio HTTP / raw producer: %10.2f%n", sustained / raw);

                double target = options.openRate() > 0 ? options.openRate() : sustained * options.loadFactor();
                Latencies latency = openLoop(bodies, target / BATCH);
                String label = options.openRate() > 0 ? "open loop at fixed rate" : String.format("open loop at %.0f%%",
                        options.loadFactor() * 100);
                System.out.printf("%-25s: %,10.0f events/s   (%.0f requests/s, %d s): p50 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms, %d errors of %d requests%n", label,
                        latency.achievedEventsPerSecond(), target / BATCH, options.seconds(), latency.p50(),
                        latency.p99(), latency.max(), latency.errors(), latency.requests());
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
        Path log = options.gatewayDirectory().getParent().resolve("bench-gateway.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        System.out.println("gateway: " + String.join(" ", command) + "  (log: " + log + ")");
        return builder.start();
    }

    private void awaitReady(Process gateway) throws Exception {
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

    // ---- the workload ----------------------------------------------------------------------------------------

    /** A turn event of about {@link #EVENT_BYTES} bytes as compact JSON, every one different. */
    private static ObjectNode event(int session, int turn) {
        ObjectNode event = Json.mapper().createObjectNode();
        Instant end = Instant.now().minusSeconds(60);
        event.put("event_id", UUID.randomUUID().toString());
        event.put("occurred_at", end.toString());
        event.put("started_at", end.minusMillis(2345).toString());
        event.put("duration_ms", 2345);
        event.put("session_id", "session-" + session);
        event.put("turn_index", turn);
        event.put("model", "claude-sonnet-4-5");
        event.put("provider", "anthropic");
        event.put("agent", "planner");
        event.put("user_id", "user-" + (session % 50));
        ObjectNode usage = event.putObject("usage");
        usage.put("input_tokens", 12_000 + turn);
        usage.put("output_tokens", 850);
        usage.put("cache_read_tokens", 9_000);
        event.putArray("tools").addObject().put("name", "search_code").put("calls", 2);
        event.putObject("params").put("temperature", 0.2);
        int room = EVENT_BYTES - event.toString().length() - ",\"prompt\":{\"hash\":\"\"}".length()
                - ",\"tenant_id\":\"bench\"".length();
        event.putObject("prompt").put("hash", "h".repeat(Math.max(1, room)));
        return event;
    }

    private static List<byte[]> bodies(int count) {
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            ArrayNode batch = Json.mapper().createArrayNode();
            for (int i = 0; i < BATCH; i++) {
                batch.add(event(b * 7 + i % 10, i));
            }
            bodies.add(batch.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private HttpRequest request(byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/turns"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    // ---- 1. raw producer -------------------------------------------------------------------------------------

    private double rawProducer(LocalKafka kafka) throws InterruptedException {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compression());
        config.put(ProducerConfig.LINGER_MS_CONFIG, options.lingerMs());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add(event(i, i).put("tenant_id", "bench").toString().getBytes(StandardCharsets.UTF_8));
        }
        LongAdder acked = new LongAdder();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            runFor(Duration.ofSeconds(Math.min(5, options.warmupSeconds())), () -> sendRaw(producer, values, null));
            producer.flush();
            long started = System.nanoTime();
            runFor(Duration.ofSeconds(options.seconds()), () -> sendRaw(producer, values, acked));
            producer.flush();
            return acked.sum() / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static void sendRaw(KafkaProducer<String, byte[]> producer, List<byte[]> values, LongAdder acked) {
        for (int i = 0; i < values.size(); i++) {
            producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(), Keys.session("bench", "session-" + (i % 70)),
                    values.get(i)), (metadata, failure) -> {
                        if (failure == null && acked != null) {
                            acked.increment();
                        }
                    });
        }
    }

    private static void runFor(Duration duration, Runnable step) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            step.run();
        }
    }

    // ---- 2. closed loop --------------------------------------------------------------------------------------

    private double closedLoop(List<byte[]> bodies) throws InterruptedException {
        LongAdder accepted = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicLong measuring = new AtomicLong(0);
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(options.seconds());
        CountDownLatch done = new CountDownLatch(options.clients());
        for (int c = 0; c < options.clients(); c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                int i = client;
                while (System.nanoTime() < end) {
                    byte[] body = bodies.get(i++ % bodies.size());
                    try {
                        HttpResponse<byte[]> response = http.send(request(body), HttpResponse.BodyHandlers.ofByteArray());
                        boolean counted = System.nanoTime() > warmupEnd;
                        if (response.statusCode() == 200 && counted) {
                            accepted.add(BATCH);
                        } else if (response.statusCode() != 200) {
                            failed.increment();
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
        done.await();
        measuring.set(1);
        if (failed.sum() > 0) {
            System.out.println("closed loop: " + failed.sum() + " requests failed");
        }
        return accepted.sum() / (double) options.seconds();
    }

    // ---- 3. open loop ----------------------------------------------------------------------------------------

    record Latencies(double p50, double p99, double max, long errors, int requests, double achievedEventsPerSecond) {
    }

    private Latencies openLoop(List<byte[]> bodies, double requestsPerSecond) throws InterruptedException {
        // A short warm-up at the same rate, then the measured run.
        runOpenLoop(bodies, requestsPerSecond, Math.min(5, options.warmupSeconds()));
        return runOpenLoop(bodies, requestsPerSecond, options.seconds());
    }

    private Latencies runOpenLoop(List<byte[]> bodies, double requestsPerSecond, int seconds)
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
            http.sendAsync(request(bodies.get(i % bodies.size())), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, failure) -> {
                        latencies[index] = System.nanoTime() - intended;
                        if (failure != null || response.statusCode() != 200) {
                            errors.increment();
                        } else {
                            accepted.add(BATCH);
                        }
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
