package io.agentmeter.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.cli.up.Artifacts;
import io.agentmeter.cli.up.ServiceProcess;
import io.agentmeter.localstack.FreePorts;
import io.agentmeter.localstack.LocalKafkaCluster;
import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.schema.kafka.Topics;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * agentmeter on a real Kafka cluster, as production runs it: three KRaft nodes (each broker and controller, its own
 * JVM: {@link LocalKafkaCluster}), the topics created by the services with replication factor 3 and
 * {@code min.insync.replicas} 2 (their own settings, {@code AGENTMETER_KAFKA_REPLICATION_FACTOR} /
 * {@code _MIN_INSYNC_REPLICAS} and {@code AGENTMETER_TOPIC_REPLICATION} / {@code _MIN_INSYNC_REPLICAS}; the brokers'
 * default min ISR stays Kafka's 1), two gateways, two aggregators and two writers from the build output, and
 * PostgreSQL.
 *
 * <p>Agents send turns over HTTP to both gateways all along ({@link TwoGatewayWorkload}: a refused batch goes again,
 * same ids, to the other gateway). Meanwhile one broker is stopped cleanly (SIGTERM: a controlled shutdown) and
 * started again; once it is back in sync another, the active controller, is killed (SIGKILL) and later started again
 * over its data. While a broker is down, two of three replicas remain: the gateways must keep acknowledging turns, and
 * the aggregators (with {@code AGENTMETER_TRANSACTION_TIMEOUT=30s}, longer than the stall a dead broker causes) must
 * keep every stream thread. In the end every acknowledged turn is in {@code turns} exactly once, nothing else is (only
 * ids that were sent), both aggregators and both writers did part of the work, and every session's rollup equals a
 * plain SQL recomputation over the stored turns. What the gateways answered in each
 * phase (status counts, latency, how long a batch took to be acknowledged) is printed and written to
 * {@code target/e2e/KafkaClusterE2EIT/answers.txt}; docs/running.md quotes a run.
 */
class KafkaClusterE2EIT {

    private static final String NAME = "KafkaClusterE2EIT";
    private static final String TENANT = "cluster";
    private static final String DATABASE = "agentmeter";
    private static final int REPLICATION = 3;
    private static final int MIN_INSYNC = 2;
    /** Longer than a dead broker takes to be fenced (broker.session.timeout.ms, 9 s): docs/running.md, On a cluster. */
    private static final String TRANSACTION_TIMEOUT = "30s";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(120);
    private static final String GATEWAY_JAVA = "-Xmx256m -XX:+ExitOnOutOfMemoryError";
    private static final String AGGREGATOR_JAVA = "-Xmx320m -XX:+ExitOnOutOfMemoryError";

    private final Path root = Path.of(System.getProperty("agentmeter.root", "..")).toAbsolutePath().normalize();
    private final Path runDir = Path.of(System.getProperty("agentmeter.e2e.dir", "target/e2e")).resolve(NAME)
            .toAbsolutePath();
    private final HttpClient http = E2eSystem.http();
    private final List<ServiceProcess> services = new ArrayList<>();
    private Artifacts artifacts;
    private LocalPostgres postgres;
    private LocalKafkaCluster kafka;

    @AfterEach
    void stopEverything() {
        services.forEach(ServiceProcess::signalStop);
        services.forEach(service -> service.awaitStopped(Duration.ofSeconds(30)));
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void shouldLoseNoAcknowledgedTurnAndCountNoneTwiceWhileBrokersStopAndDie() throws Exception {
        long testStarted = System.nanoTime();
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        String dbPassword = "pw-" + UUID.randomUUID().toString().replace("-", "");
        postgres = LocalPostgres.builder().password(dbPassword).start();
        postgres.createDatabase(DATABASE);
        kafka = LocalKafkaCluster.builder().nodes(3).directory(runDir.resolve("kafka"))
                .classpath(localStackClasspath()).startTimeout(READY_TIMEOUT).start();
        double clusterUp = seconds(testStarted);

        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("AGENTMETER_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        connection.put("AGENTMETER_DB_URL", postgres.jdbcUrl(DATABASE));
        connection.put("AGENTMETER_DB_USER", postgres.username());
        connection.put("AGENTMETER_DB_PASSWORD", dbPassword);
        String adminSecret = "admin-" + UUID.randomUUID();

        // All six at once: each creates the topics it misses (3 replicas, min ISR 2); the gateways and writers apply
        // the migrations.
        List<URI> gateways = new ArrayList<>();
        List<Integer> aggregatorPorts = new ArrayList<>();
        List<Integer> writerPorts = new ArrayList<>();
        awaitAllReady(List.of(startGateway(1, connection, adminSecret, gateways),
                startGateway(2, connection, adminSecret, gateways), startAggregator(1, connection, aggregatorPorts),
                startAggregator(2, connection, aggregatorPorts), startWriter(1, connection, writerPorts),
                startWriter(2, connection, writerPorts)));
        double systemUp = seconds(testStarted);
        assertReplicated();

        String ingestKey = createTenantAndKey(gateways.get(0), adminSecret);
        String run = "c" + Long.toString(System.currentTimeMillis(), 36);
        List<String> phases = new ArrayList<>();
        Map<String, Double> phaseSeconds = new LinkedHashMap<>();
        try (TwoGatewayWorkload workload = new TwoGatewayWorkload(gateways, ingestKey, run, 4);
             HealthSampler health = new HealthSampler(services)) {
            Phase phase = new Phase(workload, health, phases, phaseSeconds);
            phase.begin("3 brokers up");
            workload.start(phases.get(0));
            Thread.sleep(6_000);

            // A clean stop of the broker leading most partitions of agent-turns: its leadership moves first.
            int stopped = mostLeading(kafka.leadersOf(Topics.RAW_TURNS.name()));
            phase.begin("broker " + stopped + " stopping (SIGTERM)");
            kafka.node(stopped).stop();
            phase.begin("broker " + stopped + " stopped");
            Thread.sleep(8_000);
            phase.begin("broker " + stopped + " starting, catching up");
            kafka.node(stopped).start();
            kafka.awaitFullyReplicated(IN_SYNC_TIMEOUT);
            phase.begin("3 brokers up again");
            Thread.sleep(3_000);

            // Another broker killed: the active controller (unless it is the one just back; then the busiest other).
            int controller = kafka.activeController();
            int killed = controller != stopped ? controller
                    : otherThan(stopped, kafka.leadersOf(Topics.RAW_TURNS.name()));
            phase.begin("broker " + killed + " killed (SIGKILL)");
            kafka.node(killed).kill();
            // Long enough that writes resume with two brokers (after ~10-14 s here) well before it comes back: the
            // test asks for an acknowledgement in the phase's last 4 s, so 26 s leaves 22 s for the resumption.
            Thread.sleep(26_000);
            phase.begin("stopping the workload");
            workload.close();
            phase.end();
            // Back over the data it had when it died, while the aggregators finish.
            CompletableFuture<Void> killedBack = CompletableFuture.runAsync(() -> kafka.node(killed).start());

            long drainStarted = System.nanoTime();
            Set<String> acknowledged = workload.acknowledged();
            Stored stored = awaitStored(acknowledged, Duration.ofSeconds(120));
            double drainSeconds = seconds(drainStarted);
            killedBack.join();
            List<Map<String, Double>> counters = new ArrayList<>();
            for (int i = 0; i < aggregatorPorts.size(); i++) {
                Map<String, Double> instance = new TreeMap<>(counters(aggregatorPorts.get(i)));
                counters(writerPorts.get(i)).forEach((name, value) -> instance.merge(name, value, Double::sum));
                counters.add(instance);
            }

            String report = report(workload, health, phases, phaseSeconds, acknowledged, stored, clusterUp, systemUp,
                    drainSeconds, seconds(testStarted), stopped, killed, counters, threadFailures());
            System.out.println(report);
            Files.writeString(runDir.resolve("answers.txt"), report);

            // Nothing lost, nothing twice, nothing invented.
            assertThat(acknowledged).as("turns acknowledged").hasSizeGreaterThan(1000);
            assertThat(stored.rows()).as("rows of the tenant in turns").isEqualTo(stored.ids().size());
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(stored.ids());
            assertThat(missing).as("acknowledged turns missing from PostgreSQL").isEmpty();
            assertThat(workload.sent()).as("every stored turn was sent").containsAll(stored.ids());
            assertThat(sessionsDifferingFromTurns()).as("sessions whose rollup differs from their turns").isEmpty();
            assertThat(sessionCount()).isEqualTo(TwoGatewayWorkload.SESSIONS);

            // While a broker was down the gateways took turns again (2 of 3 replicas are min ISR) before it came back.
            for (String down : List.of(phases.get(2), phases.get(5))) {
                assertThat(workload.batches(down)).as("batches acknowledged in phase '%s'", down).isNotEmpty();
                assertThat(workload.sinceLastAcknowledgement(down)).as("time from the last acknowledgement of phase"
                        + " '%s' to its end", down).isLessThan(Duration.ofSeconds(4));
            }
            for (ServiceProcess service : services) {
                assertThat(service.isAlive()).as("%s ran through (never restarted)", service.name()).isTrue();
            }
            // With a transaction timeout longer than a dead broker's stall, no stream thread lost its transaction (a
            // replaced thread joins its group as a new static member: nothing is processed for 45 s).
            assertThat(threadFailures()).as("stream threads failed or fenced, per aggregator").containsOnly(0L);
            // Both aggregators and both writers did part of the work, and the copies sent were recognised.
            for (Map<String, Double> instance : counters) {
                assertThat(instance.get("agentmeter_turns_valid_total")).as("turns read by each aggregator")
                        .isPositive();
                assertThat(instance.get("agentmeter_sink_turns_total")).as("turns written by each writer")
                        .isPositive();
            }
            assertThat(counters.stream().mapToDouble(c -> c.get("agentmeter_turns_duplicate_total")).sum()
                    + counters.stream().mapToDouble(c -> c.get("agentmeter_sink_duplicates_total")).sum())
                    .as("copies dropped by the aggregators and the writers").isPositive();
        }
    }

    // ---- the system ---------------------------------------------------------------------------------------------

    private ServiceProcess startGateway(int index, Map<String, String> connection, String adminSecret,
                                        List<URI> gateways) {
        int port = FreePorts.pick();
        URI url = URI.create("http://127.0.0.1:" + port);
        gateways.add(url);
        Map<String, String> env = new LinkedHashMap<>(connection);
        env.put("AGENTMETER_ADMIN_SECRET", adminSecret);
        env.put("AGENTMETER_KAFKA_REPLICATION_FACTOR", Integer.toString(REPLICATION));
        env.put("AGENTMETER_KAFKA_MIN_INSYNC_REPLICAS", Integer.toString(MIN_INSYNC));
        env.put("AGENTMETER_OTLP_GRPC_PORT", "-1");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return launch("gateway-" + index, built().quarkusCommand(built().gatewayJar(), GATEWAY_JAVA), env,
                url.resolve("/q/health/ready"));
    }

    private ServiceProcess startAggregator(int index, Map<String, String> connection, List<Integer> ports)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(connection);
        env.keySet().removeIf(name -> name.startsWith("AGENTMETER_DB_"));
        env.put("AGENTMETER_STATE_DIR", runDir.resolve("aggregator-" + index + "-state").toString());
        env.put("AGENTMETER_INSTANCE_ID", "cluster-aggregator-" + index);
        env.put("AGENTMETER_TRANSACTION_TIMEOUT", TRANSACTION_TIMEOUT);
        return startPlainService("aggregator-" + index, built().aggregatorCommand(AGGREGATOR_JAVA), env,
                ports);
    }

    private ServiceProcess startWriter(int index, Map<String, String> connection, List<Integer> ports)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(connection);
        env.put("AGENTMETER_INSTANCE_ID", "cluster-writer-" + index);
        return startPlainService("writer-" + index, built().writerCommand(AGGREGATOR_JAVA), env, ports);
    }

    /** The aggregator or the writer (its command from {@code up}'s {@link Artifacts}), with the cluster's topics. */
    private ServiceProcess startPlainService(String name, List<String> command, Map<String, String> env,
                                             List<Integer> ports) {
        int port = FreePorts.pick();
        ports.add(port);
        env.put("AGENTMETER_HTTP_PORT", Integer.toString(port));
        env.put("AGENTMETER_HTTP_HOST", "127.0.0.1");
        env.put("AGENTMETER_TOPIC_REPLICATION", Integer.toString(REPLICATION));
        env.put("AGENTMETER_TOPIC_MIN_INSYNC_REPLICAS", Integer.toString(MIN_INSYNC));
        return launch(name, command, env, URI.create("http://127.0.0.1:" + port + "/health/ready"));
    }

    /** The services' build output, located once. */
    private Artifacts built() {
        if (artifacts == null) {
            artifacts = Artifacts.locate(root);
        }
        return artifacts;
    }

    private ServiceProcess launch(String name, List<String> command, Map<String, String> env, URI readiness) {
        ServiceProcess service = ServiceProcess.launch(name, command, env, runDir, runDir.resolve("logs")
                .resolve(name + ".log"), readiness);
        services.add(service);
        return service;
    }

    private static void awaitAllReady(List<ServiceProcess> starting) {
        List<CompletableFuture<Void>> ready = starting.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY_TIMEOUT, () -> false)))
                .toList();
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    }

    private String localStackClasspath() throws IOException {
        return requireBuilt("local-stack/target/classes") + File.pathSeparator
                + Files.readString(requireBuilt("local-stack/target/classpath.txt")).strip();
    }

    private Path requireBuilt(String relative) {
        Path path = root.resolve(relative);
        assertThat(path).as("built (./mvnw -B install -DskipTests)").exists();
        return path;
    }

    /** Every topic of the catalogue and of the aggregator's Kafka Streams has 3 replicas and its own min ISR 2. */
    private void assertReplicated() throws Exception {
        try (Admin admin = kafka.admin()) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(name -> !name.startsWith("__")).collect(Collectors.toSet());
            assertThat(names).contains(Topics.RAW_TURNS.name(), Topics.PRICED_TURNS.name())
                    .anyMatch(name -> name.startsWith("agentmeter-aggregator-") && name.endsWith("-changelog"))
                    .anyMatch(name -> name.startsWith("agentmeter-aggregator-") && name.endsWith("-repartition"));
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                    .get(10, TimeUnit.SECONDS);
            topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                    assertThat(partition.replicas()).as("replicas of %s-%d", topic.name(), partition.partition())
                            .hasSize(REPLICATION)));
            List<ConfigResource> resources = names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> assertThat(config.get("min.insync.replicas").value())
                    .as("min.insync.replicas of %s", resource.name()).isEqualTo(Integer.toString(MIN_INSYNC)));
        }
    }

    private static int mostLeading(Map<Integer, Integer> leaders) {
        return leaders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static int otherThan(int node, Map<Integer, Integer> leaders) {
        return leaders.entrySet().stream().filter(entry -> entry.getKey() != node)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(node % 3 + 1);
    }

    private String createTenantAndKey(URI gateway, String adminSecret) throws Exception {
        HttpResponse<String> tenant = admin(gateway, adminSecret, "/admin/tenants",
                "{\"tenant_id\":\"" + TENANT + "\",\"name\":\"cluster test\"}");
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
        HttpResponse<String> key = admin(gateway, adminSecret, "/admin/keys",
                "{\"tenant_id\":\"" + TENANT + "\",\"name\":\"cluster test\",\"kind\":\"ingest\"}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        Matcher clear = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(key.body());
        assertThat(clear.find()).as(key.body()).isTrue();
        return clear.group(1);
    }

    private HttpResponse<String> admin(URI gateway, String secret, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final List<String> COUNTERS = List.of("agentmeter_turns_valid_total",
            "agentmeter_turns_duplicate_total", "agentmeter_sink_turns_total", "agentmeter_sink_duplicates_total");

    /**
     * An aggregator's or writer's own counters of {@link #COUNTERS}, from its Prometheus {@code /metrics}, summed over
     * labels (a counter the service does not have is 0).
     */
    private Map<String, Double> counters(int port) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> sums = new LinkedHashMap<>();
        COUNTERS.forEach(name -> sums.put(name, 0.0));
        for (String line : metrics.split("\n")) {
            for (String name : COUNTERS) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sums.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                }
            }
        }
        return sums;
    }

    /** Per aggregator, the stream threads that failed (and were replaced) or were fenced out of their group. */
    private List<Long> threadFailures() throws IOException {
        List<Long> failures = new ArrayList<>();
        for (ServiceProcess service : services) {
            if (service.name().startsWith("aggregator")) {
                try (Stream<String> lines = Files.lines(service.log())) {
                    failures.add(lines.filter(line -> line.contains("stream thread failed")
                            || line.contains("Detected that the thread is being fenced")).count());
                }
            }
        }
        return failures;
    }

    // ---- what PostgreSQL holds ----------------------------------------------------------------------------------

    /** The tenant's stored turns: their distinct ids and the number of rows. */
    private record Stored(Set<String> ids, long rows) {
    }

    /** Polls until every acknowledged turn is stored, then until the count holds still for 3 s (late copies). */
    private Stored awaitStored(Set<String> acknowledged, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Stored stored = stored();
        while (!stored.ids().containsAll(acknowledged) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            stored = stored();
        }
        Stored settled;
        do {
            Thread.sleep(3_000);
            settled = stored;
            stored = stored();
        } while (stored.rows() != settled.rows() && System.nanoTime() < deadline);
        return stored;
    }

    private Stored stored() throws SQLException {
        Set<String> ids = new HashSet<>();
        long rows = 0;
        try (Connection db = connect();
             PreparedStatement select = db.prepareStatement("SELECT event_id FROM turns WHERE tenant_id = ?")) {
            select.setString(1, TENANT);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                    rows++;
                }
            }
        }
        return new Stored(ids, rows);
    }

    /** Sessions whose rollup row differs from a plain SQL sum over their stored turns (or exists on one side only). */
    private List<String> sessionsDifferingFromTurns() throws SQLException {
        String sql = """
                WITH recomputed AS (
                    SELECT session_id, count(*) AS turns, sum(input_tokens) AS input_tokens,
                           sum(output_tokens) AS output_tokens, sum(cost_usd) AS cost_usd,
                           count(cost_usd) AS cost_turns
                    FROM turns WHERE tenant_id = ? GROUP BY session_id),
                rolled AS (
                    SELECT session_id, turns, input_tokens, output_tokens, cost_usd, cost_turns
                    FROM session_rollups WHERE tenant_id = ?)
                SELECT session_id, r.turns, t.turns, r.input_tokens, t.input_tokens, r.output_tokens,
                       t.output_tokens, r.cost_usd, t.cost_usd
                FROM rolled r FULL JOIN recomputed t USING (session_id)
                WHERE r.turns IS DISTINCT FROM t.turns OR r.input_tokens IS DISTINCT FROM t.input_tokens
                   OR r.output_tokens IS DISTINCT FROM t.output_tokens OR r.cost_usd IS DISTINCT FROM t.cost_usd
                   OR r.cost_turns IS DISTINCT FROM t.cost_turns
                """;
        List<String> differing = new ArrayList<>();
        try (Connection db = connect(); PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, TENANT);
            select.setString(2, TENANT);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    differing.add(result.getString(1) + ": rollup turns " + result.getString(2) + " vs "
                            + result.getString(3)
                            + ", input " + result.getString(4) + " vs " + result.getString(5) + ", output "
                            + result.getString(6) + " vs " + result.getString(7) + ", cost " + result.getString(8)
                            + " vs " + result.getString(9));
                }
            }
        }
        return differing;
    }

    private long sessionCount() throws SQLException {
        try (Connection db = connect();
             PreparedStatement select = db.prepareStatement(
                     "SELECT count(*) FROM session_rollups WHERE tenant_id = ?")) {
            select.setString(1, TENANT);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.username(), postgres.password());
    }

    // ---- phases and what was seen in them -----------------------------------------------------------------------

    /** Names the phase the workload and the health sampler are in, and times each. */
    private static final class Phase {
        private final TwoGatewayWorkload workload;
        private final HealthSampler health;
        private final List<String> names;
        private final Map<String, Double> seconds;
        private String current;
        private long started;

        Phase(TwoGatewayWorkload workload, HealthSampler health, List<String> names, Map<String, Double> seconds) {
            this.workload = workload;
            this.health = health;
            this.names = names;
            this.seconds = seconds;
        }

        void begin(String name) {
            end();
            current = name;
            started = System.nanoTime();
            names.add(name);
            workload.phase(name);
            health.phase(name);
            System.out.printf(Locale.ROOT, "%s  phase: %s%n", java.time.LocalTime.now(), name);
        }

        void end() {
            if (current != null) {
                seconds.put(current, (System.nanoTime() - started) / 1e9);
                current = null;
            }
        }
    }

    /** Asks every service's readiness once a second and counts the answers per phase. */
    private static final class HealthSampler implements AutoCloseable {
        private final List<ServiceProcess> services;
        private final HttpClient http = E2eSystem.http();
        private final Map<String, Map<String, Map<String, Integer>>> answers = new LinkedHashMap<>();
        private final Thread thread;
        private volatile String phase = "starting";
        private volatile boolean running = true;

        HealthSampler(List<ServiceProcess> services) {
            this.services = List.copyOf(services);
            this.thread = new Thread(this::sample, "health-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void phase(String name) {
            phase = name;
        }

        private void sample() {
            while (running) {
                String now = phase;
                for (ServiceProcess service : services) {
                    String answer;
                    try {
                        answer = Integer.toString(http.send(HttpRequest.newBuilder(service.readiness())
                                .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                    } catch (IOException e) {
                        answer = "no answer";
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (this) {
                        answers.computeIfAbsent(now, p -> new TreeMap<>()).computeIfAbsent(service.name(),
                                s -> new TreeMap<>()).merge(answer, 1, Integer::sum);
                    }
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        synchronized String report(List<String> phases) {
            StringBuilder out = new StringBuilder();
            for (String name : phases) {
                out.append(String.format(Locale.ROOT, "%-40s %s%n", name, answers.getOrDefault(name, Map.of())));
            }
            return out.toString();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }

    private static String report(TwoGatewayWorkload workload, HealthSampler health, List<String> phases,
                                 Map<String, Double> phaseSeconds, Set<String> acknowledged, Stored stored,
                                 double clusterUp, double systemUp, double drainSeconds, double total, int stopped,
                                 int killed, List<Map<String, Double>> counters, List<Long> threadFailures) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: 3 KRaft nodes (RF %d, min ISR %d), 2 gateways, 2 aggregators, 2 writers%n",
                NAME, REPLICATION, MIN_INSYNC));
        out.append(String.format(Locale.ROOT, "cluster up after %.1f s, whole system ready after %.1f s%n", clusterUp,
                systemUp));
        out.append(String.format(Locale.ROOT, "broker %d stopped cleanly and restarted, broker %d killed and "
                + "restarted%n", stopped, killed));
        out.append("phase durations: ").append(phaseSeconds.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("; "))).append('\n');
        out.append("\nthe gateways' answers to POST /v1/turns (batches of ").append(TwoGatewayWorkload.BATCH)
                .append(" turns, 4 senders, a refused batch retried at the other gateway after ")
                .append(TwoGatewayWorkload.RETRY_PAUSE.toMillis()).append(" ms):\n");
        out.append(workload.report(phases));
        out.append("\nreadiness answers per service (one probe a second):\n").append(health.report(phases));
        out.append(String.format(Locale.ROOT, "%nturns sent %d, acknowledged %d, stored %d rows / %d distinct ids, "
                        + "stored without acknowledgement %d; all acknowledged stored %.1f s after the workload "
                        + "stopped; "
                        + "test %.1f s%n", workload.sent().size(), acknowledged.size(), stored.rows(),
                stored.ids().size(), stored.ids().stream().filter(id -> !acknowledged.contains(id)).count(),
                drainSeconds, total));
        for (int i = 0; i < counters.size(); i++) {
            out.append("aggregator-").append(i + 1).append(" + writer-").append(i + 1).append(": ").append(counters.get(i).entrySet().stream()
                    .map(e -> e.getKey() + " " + Math.round(e.getValue())).collect(Collectors.joining(", ")))
                    .append(", stream threads failed or fenced ").append(threadFailures.get(i)).append('\n');
        }
        return out.toString();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
