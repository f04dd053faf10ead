package io.agentmeter.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.cli.up.DemoCredentials;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Soak benchmark, run by hand (not a test; the suite never runs a {@code main}): the whole system as
 * {@code bin/agentmeter up} runs it, turns sent over HTTP at a steady rate for a long time (default 30 minutes), and
 * every {@code --sample} seconds what would show a leak or a backlog:
 * <ul>
 *   <li>the consumer lag of every consumer group (the aggregator's Kafka Streams group, the writer's sinks), from
 *       committed offsets and {@code read_committed} end offsets ({@link ConsumerLag});</li>
 *   <li>freshness: for the turns sent between two and one sample intervals ago, PostgreSQL's {@code ingested_at} (the
 *       storing transaction's start) minus {@code occurred_at} (the send time), p50 and p99; the age of the newest
 *       stored turn; and the turns sink's own {@code agentmeter_sink_turn_freshness_seconds} quantiles (from the
 *       writer's or the aggregator's {@code /metrics}, whichever has them);</li>
 *   <li>each JVM's heap after a full GC ({@link JvmProbe}): the {@code up} JVM (which runs the embedded Kafka broker
 *       and the supervisor) and each service in {@code services.pid} (gateway, aggregator, writer, query API:
 *       whatever this {@code up} starts), with metaspace, direct buffers, threads, RSS and CPU; a restarted service is
 *       followed to its new pid;</li>
 *   <li>the gateway's answer times, and a light query load meanwhile ({@link QueryLoad}: a dashboard's live stream
 *       and a query every {@code --queries-every}).</li>
 * </ul>
 * A class histogram of each JVM is taken at {@code --histogram-at} and at the end, and the classes that grew most are
 * listed. At the end, once every acknowledged turn is stored, each must be in {@code turns} exactly once, nothing
 * stored that was not sent, and the query API's summary and the live stream must count as many. Everything goes to
 * {@code --out}: {@code samples.csv}, {@code summary.md} (first vs last 10 minutes), the histograms and {@code up}'s
 * console.
 * <pre>
 * flock /tmp/agentmeter-mvn.lock ./mvnw -B -o -q package -DskipTests
 * flock /tmp/agentmeter-mvn.lock ./mvnw -B -o -q -pl cli dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp "cli/target/test-classes:cli/target/classes:$(cat cli/target/bench.classpath)" \
 *     io.agentmeter.cli.bench.SoakBenchmark --rate 100 --minutes 30 --out target/soak
 * </pre>
 * Options: {@code --rate} turns/s (100), {@code --minutes} (30), {@code --sample} seconds (30), {@code --batch} turns
 * a request (10), {@code --queries-every} seconds (5; 0 = no query load), {@code --histogram-at} minutes (5, or a
 * quarter of a shorter run), {@code --out} (target/soak/&lt;run&gt;), {@code --root} (the checkout whose
 * {@code bin/agentmeter} is run: {@code -Dagentmeter.root} or the working directory), {@code --data-dir}
 * (&lt;out&gt;/data, new), {@code --ports} (up's syntax; default the 28xxx ports below), {@code --seed} (7).
 * {@code --attach DATA_DIR} measures an {@code up} already running over DATA_DIR instead (started with the same
 * {@code --ports}): its keys from {@code demo.env}, its pid from {@code up.lock}, the services' from
 * {@code services.pid}; it is left running.
 */
public final class SoakBenchmark {

    static final String DEFAULT_PORTS =
            "kafka=28092,postgres=28329,gateway=28080,query=28081,aggregator=28082,writer=28083,otlp-grpc=28317";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Options options;
    private final String run = RUN_ID.format(Instant.now());
    private final Path out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Map<String, Object>> samples = new ArrayList<>();
    private final Map<String, JvmProbe> probes = new LinkedHashMap<>();
    private SoakReport report;

    private SoakBenchmark(Options options) {
        this.options = options;
        this.out = options.out != null ? options.out : Path.of("target", "soak", run);
    }

    public static void main(String[] args) throws Exception {
        // kafka-clients (the lag's Admin) logs through slf4j-simple: its warnings only, as the cli's Main does
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int status = new SoakBenchmark(Options.parse(args)).run();
        System.exit(status);
    }

    // ---- options -----------------------------------------------------------------------------------------------

    record Options(double rate, double minutes, int sampleSeconds, int batch, int queriesEverySeconds,
                   double histogramAtMinutes, Path out, Path root, Path dataDir, Path attach, String ports,
                   long seed) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
            }
            double minutes = Double.parseDouble(values.getOrDefault("minutes", "30"));
            return new Options(Double.parseDouble(values.getOrDefault("rate", "100")), minutes,
                    Integer.parseInt(values.getOrDefault("sample", "30")),
                    Integer.parseInt(values.getOrDefault("batch", "10")),
                    Integer.parseInt(values.getOrDefault("queries-every", "5")),
                    Double.parseDouble(values.getOrDefault("histogram-at", String.valueOf(Math.min(5, minutes / 4)))),
                    path(values.get("out")),
                    Path.of(values.getOrDefault("root", System.getProperty("agentmeter.root", "."))).toAbsolutePath()
                            .normalize(),
                    path(values.get("data-dir")), path(values.get("attach")),
                    values.getOrDefault("ports", DEFAULT_PORTS), Long.parseLong(values.getOrDefault("seed", "7")));
        }

        private static Path path(String value) {
            return value == null ? null : Path.of(value).toAbsolutePath().normalize();
        }

        Integer port(String name) {
            Map<String, Integer> ports = new HashMap<>();
            for (String item : (DEFAULT_PORTS + "," + ports()).split(",")) {
                String[] pair = item.strip().split("=");
                if (pair.length == 2) {
                    ports.put(pair[0].strip(), Integer.parseInt(pair[1].strip()));
                }
            }
            return ports.get(name);
        }
    }

    // ---- the run -----------------------------------------------------------------------------------------------

    private int run() throws Exception {
        Files.createDirectories(out);
        Path dataDir = options.attach != null ? options.attach
                : options.dataDir != null ? options.dataDir : out.resolve("data");
        System.out.printf(Locale.ROOT, "agentmeter soak %s: %.0f turns/s in batches of %d for %.1f min, a sample every"
                        + " %d s; %d cores, load %s; out %s%n", run, options.rate, options.batch, options.minutes,
                options.sampleSeconds, Runtime.getRuntime().availableProcessors(), loadAverage(), out);
        UpProcess up = options.attach != null ? UpProcess.attach(dataDir)
                : UpProcess.launch(options.root, dataDir, options.ports, out.resolve("up.log"));
        try {
            return measure(up, dataDir);
        } finally {
            probes.values().forEach(JvmProbe::close);
            up.stop();
        }
    }

    private int measure(UpProcess up, Path dataDir) throws Exception {
        Map<String, String> keys = DemoCredentials.read(dataDir)
                .orElseThrow(() -> new IllegalStateException("no " + DemoCredentials.file(dataDir)));
        String tenant = keys.get(DemoCredentials.TENANT);
        URI gateway = URI.create(keys.get(DemoCredentials.INGEST_URL));
        URI queryApi = URI.create(keys.get(DemoCredentials.QUERY_URL));
        List<URI> sinkMetrics = new ArrayList<>();
        for (String service : List.of("writer", "aggregator")) {
            if (options.port(service) != null) {
                sinkMetrics.add(URI.create("http://127.0.0.1:" + options.port(service) + "/metrics"));
            }
        }
        String dbUrl = "jdbc:postgresql://localhost:" + options.port("postgres") + "/agentmeter";
        String bootstrap = "127.0.0.1:" + options.port("kafka");

        probes.put("up", new JvmProbe("up"));
        for (String service : up.services().keySet()) {
            probes.put(service, new JvmProbe(service));
        }
        try (ConsumerLag lag = new ConsumerLag(bootstrap);
             Connection db = DriverManager.getConnection(dbUrl, "postgres", keys.get(DemoCredentials.DB_PASSWORD));
             QueryLoad queries = new QueryLoad(queryApi, keys.get(DemoCredentials.QUERY_KEY),
                     Duration.ofSeconds(options.queriesEverySeconds));
             TurnLoad load = new TurnLoad(gateway, keys.get(DemoCredentials.INGEST_KEY), run, options.rate,
                     options.batch, options.seed)) {
            List<String> groups = lag.groups();
            System.out.println("consumer groups: " + groups + "; JVMs: up (pid " + up.pid() + ", embedded Kafka)"
                    + ", " + up.services());
            report = new SoakReport(out, run, options, groups, List.copyOf(probes.keySet()));
            Stored stored = new Stored(db, tenant, load.prefix());

            queries.start();
            long waitLive = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (options.queriesEverySeconds > 0 && queries.liveConnects() == 0 && System.nanoTime() < waitLive) {
                Thread.sleep(100);
            }
            Instant started = Instant.now();
            stored.since(started.minusSeconds(60));
            Duration duration = Duration.ofMillis((long) (options.minutes * 60_000));
            load.start(duration);
            long startNanos = System.nanoTime();
            long histogramAt = startNanos + (long) (options.histogramAtMinutes * 60e9);
            boolean histogramTaken = false;
            Map<String, Map<String, Long>> firstHistograms = new LinkedHashMap<>();
            for (int k = 1; ; k++) {
                long at = startNanos + k * TimeUnit.SECONDS.toNanos(options.sampleSeconds);
                if (at > startNanos + duration.toNanos() + TimeUnit.SECONDS.toNanos(1)) {
                    break;
                }
                sleepUntil(at);
                if (!histogramTaken && System.nanoTime() >= histogramAt) {
                    firstHistograms = histograms(up, "start");
                    histogramTaken = true;
                }
                sample("load", (System.nanoTime() - startNanos) / 1e9, up, load, queries, lag, groups, stored,
                        sinkMetrics);
            }

            // Drain: the senders finish what was due, then every acknowledged turn must reach PostgreSQL.
            load.awaitDone(Duration.ofMinutes(2));
            long sentEnd = System.nanoTime();
            long acknowledged = load.acknowledgedCount();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (stored.distinctIds() < acknowledged && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
            double drainSeconds = (System.nanoTime() - sentEnd) / 1e9;
            long liveDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (options.queriesEverySeconds > 0 && queries.liveTurns() < stored.rows()
                    && System.nanoTime() < liveDeadline) {
                Thread.sleep(500);
            }
            sample("drained", (System.nanoTime() - startNanos) / 1e9, up, load, queries, lag, groups, stored,
                    sinkMetrics);
            Map<String, Map<String, Long>> lastHistograms = histograms(up, "end");

            // Exactly once.
            Map<Long, Integer> copies = stored.copiesById();
            BitSet acked = load.acknowledged();
            BitSet sent = load.sent();
            long missing = 0;
            for (int n = acked.nextSetBit(0); n >= 0; n = acked.nextSetBit(n + 1)) {
                if (!copies.containsKey((long) n)) {
                    missing++;
                }
            }
            long twice = copies.values().stream().filter(c -> c > 1).count();
            long notSent = copies.keySet().stream().filter(n -> !sent.get(n.intValue())).count();
            long summaryTurns = summaryTurns(queryApi, keys.get(DemoCredentials.QUERY_KEY), started);
            SoakReport.Check check = new SoakReport.Check(load.sentCount(), acknowledged, load.resentBatches(),
                    load.refusedTries(), load.rejectedItems(), copies.size(), stored.rows(), missing, twice, notSent,
                    summaryTurns, options.queriesEverySeconds > 0 ? queries.liveTurns() : -1, queries.liveConnects(),
                    queries.errors(), drainSeconds);

            Duration window = Duration.ofMillis((long) Math.min(10 * 60_000, duration.toMillis() / 3.0));
            Instant sendEnd = started.plus(duration);
            List<SoakReport.Freshness> freshness = List.of(
                    stored.freshness("first " + minutes(window), started, started.plus(window)),
                    stored.freshness("last " + minutes(window), sendEnd.minus(window), sendEnd),
                    stored.freshness("whole run", started, sendEnd));
            String summary = report.summary(samples, window, check, freshness, firstHistograms, lastHistograms,
                    started, loadAverage());
            System.out.println();
            System.out.println(summary);
            queries.close();
            return check.exactlyOnce() ? 0 : 1;
        }
    }

    private static String minutes(Duration window) {
        return window.toSeconds() % 60 == 0 ? window.toMinutes() + " min" : window.toSeconds() + " s";
    }

    private Map<String, Map<String, Long>> histograms(UpProcess up, String when) {
        Map<String, Map<String, Long>> histograms = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("up", up.pid());
        pids.putAll(up.services());
        pids.forEach((name, pid) -> {
            try {
                histograms.put(name, JvmProbe.classHistogram(pid, out.resolve("histogram-" + name + "-" + when
                        + ".txt")));
            } catch (IOException e) {
                System.out.println("no class histogram of " + name + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return histograms;
    }

    private void sample(String phase, double seconds, UpProcess up, TurnLoad load, QueryLoad queries,
                        ConsumerLag lag, List<String> groups, Stored stored, List<URI> sinkMetrics) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        Instant now = Instant.now();
        row.put("t_s", Math.round(seconds));
        row.put("utc", now.truncatedTo(ChronoUnit.SECONDS).toString());
        row.put("phase", phase);
        row.put("load1", loadAverage());
        row.put("due", load.due());
        row.put("sent", load.sentCount());
        row.put("acked", load.acknowledgedCount());
        row.put("refused_tries", load.refusedTries());
        long[] answers = load.drainAnswerMillis();
        row.put("ack_p50_ms", percentile(answers, 0.5));
        row.put("ack_p99_ms", percentile(answers, 0.99));
        try {
            row.put("stored", stored.rows());
        } catch (SQLException e) {
            row.put("stored", "");
            System.out.println("cannot count the stored turns: " + e.getMessage());
        }
        try {
            Map<String, Long> lags = lag.lag(groups);
            groups.forEach(group -> row.put("lag:" + group, lags.get(group)));
        } catch (Exception e) {
            groups.forEach(group -> row.put("lag:" + group, ""));
            System.out.println("cannot read the consumer lag: " + e);
        }
        try {
            double[] fresh = stored.freshnessPercentiles(now.minusSeconds(2L * options.sampleSeconds),
                    now.minusSeconds(options.sampleSeconds));
            row.put("fresh_p50_ms", fresh[0]);
            row.put("fresh_p99_ms", fresh[1]);
            row.put("newest_age_ms", stored.newestAgeMillis(now));
        } catch (SQLException e) {
            row.put("fresh_p50_ms", "");
            row.put("fresh_p99_ms", "");
            row.put("newest_age_ms", "");
        }
        Map<String, Double> metrics = new HashMap<>();
        for (URI uri : sinkMetrics) {
            if (metrics.isEmpty()) {
                metrics = scrape(uri);
            }
        }
        row.put("sink_fresh_p50_ms", metrics.getOrDefault("p50", Double.NaN));
        row.put("sink_fresh_p99_ms", metrics.getOrDefault("p99", Double.NaN));
        row.put("queries", queries.queries());
        row.put("query_errors", queries.errors());
        row.put("query_p99_ms", percentile(queries.drainAnswerMillis(), 0.99));
        row.put("live_turns", queries.liveTurns());
        Map<String, Long> pids = up.services();
        for (JvmProbe probe : probes.values()) {
            long pid = probe.name().equals("up") ? up.pid() : pids.getOrDefault(probe.name(), -1L);
            String p = probe.name() + ":";
            try {
                JvmProbe.Reading r = probe.read(pid);
                row.put(p + "pid", r.pid());
                row.put(p + "heap_after_gc_mb", r.heapAfterGcMb());
                row.put(p + "heap_committed_mb", r.heapCommittedMb());
                row.put(p + "full_gc_ms", r.gcPauseMs());
                row.put(p + "metaspace_mb", r.metaspaceMb());
                row.put(p + "direct_mb", r.directMb());
                row.put(p + "threads", r.threads());
                row.put(p + "classes", r.classes());
                row.put(p + "rss_mb", r.rssMb());
                row.put(p + "cpu_pct", r.cpuPercent());
            } catch (Exception e) {
                System.out.println("cannot read " + probe.name() + " (pid " + pid + "): " + e);
                for (String column : new String[] {"pid", "heap_after_gc_mb", "heap_committed_mb", "full_gc_ms",
                        "metaspace_mb", "direct_mb", "threads", "classes", "rss_mb", "cpu_pct"}) {
                    row.put(p + column, column.equals("pid") ? pid : "");
                }
            }
        }
        samples.add(row);
        report.append(row);
        System.out.println(report.line(row));
    }

    /** The turns sink's freshness quantiles (Micrometer's: over its last two minutes), in ms; empty if none. */
    private Map<String, Double> scrape(URI metrics) {
        Map<String, Double> values = new HashMap<>();
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            for (String line : answer.body().split("\n")) {
                if (line.startsWith("agentmeter_sink_turn_freshness_seconds{") && line.contains("sink=\"turns\"")) {
                    String value = line.substring(line.lastIndexOf(' ') + 1);
                    if (line.contains("quantile=\"0.5\"")) {
                        values.put("p50", Double.parseDouble(value) * 1000);
                    } else if (line.contains("quantile=\"0.99\"")) {
                        values.put("p99", Double.parseDouble(value) * 1000);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the aggregator is restarting: no figure this time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    private long summaryTurns(URI queryApi, String key, Instant started) {
        Instant from = started.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant to = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(queryApi.resolve("/v1/summary?from=" + from
                    + "&to=" + to)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = Json.mapper().readTree(answer.body());
            return json.path("current").path("figures").path("turns").asLong(-1);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    // ---- what PostgreSQL holds of the run ------------------------------------------------------------------------

    /** The run's turns in {@code turns}: the event ids {@code soak-<run>-<n>} of the tenant. */
    private static final class Stored {
        private final Connection db;
        private final String tenant;
        private final String prefix;
        private Timestamp since;

        Stored(Connection db, String tenant, String prefix) {
            this.db = db;
            this.tenant = tenant;
            this.prefix = prefix;
        }

        void since(Instant from) {
            since = Timestamp.from(from);
        }

        long rows() throws SQLException {
            return single("SELECT count(*) FROM turns WHERE tenant_id = ? AND event_id LIKE ? AND occurred_at >= ?");
        }

        long distinctIds() throws SQLException {
            return single("SELECT count(DISTINCT event_id) FROM turns WHERE tenant_id = ? AND event_id LIKE ?"
                    + " AND occurred_at >= ?");
        }

        private long single(String sql) throws SQLException {
            try (PreparedStatement statement = bound(sql); ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }

        private PreparedStatement bound(String sql) throws SQLException {
            PreparedStatement statement = db.prepareStatement(sql);
            statement.setString(1, tenant);
            statement.setString(2, prefix + "%");
            statement.setTimestamp(3, since);
            return statement;
        }

        /** How many rows each stored {@code n} has. */
        Map<Long, Integer> copiesById() throws SQLException {
            Map<Long, Integer> copies = new HashMap<>();
            try (PreparedStatement statement = bound("SELECT event_id FROM turns WHERE tenant_id = ?"
                    + " AND event_id LIKE ? AND occurred_at >= ?"); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    copies.merge(Long.parseLong(rows.getString(1).substring(prefix.length())), 1, Integer::sum);
                }
            }
            return copies;
        }

        /** p50 and p99 of ingested_at - occurred_at over the turns that occurred in [from, to), in ms. */
        double[] freshnessPercentiles(Instant from, Instant to) throws SQLException {
            SoakReport.Freshness f = freshness("", from, to);
            return new double[] {f.p50Ms(), f.p99Ms()};
        }

        SoakReport.Freshness freshness(String name, Instant from, Instant to) throws SQLException {
            try (PreparedStatement statement = db.prepareStatement("SELECT count(*),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY"
                    + " ms), max(ms) FROM (SELECT extract(epoch FROM ingested_at - occurred_at) * 1000 AS ms FROM"
                    + " turns WHERE tenant_id = ? AND event_id LIKE ? AND occurred_at >= ? AND occurred_at < ?) t")) {
                statement.setString(1, tenant);
                statement.setString(2, prefix + "%");
                statement.setTimestamp(3, Timestamp.from(from));
                statement.setTimestamp(4, Timestamp.from(to));
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return new SoakReport.Freshness(name, row.getLong(1), number(row, 2), number(row, 3),
                            number(row, 4));
                }
            }
        }

        long newestAgeMillis(Instant now) throws SQLException {
            try (PreparedStatement statement = bound("SELECT max(occurred_at) FROM turns WHERE tenant_id = ?"
                    + " AND event_id LIKE ? AND occurred_at >= ?"); ResultSet row = statement.executeQuery()) {
                row.next();
                Timestamp newest = row.getTimestamp(1);
                return newest == null ? -1 : Duration.between(newest.toInstant(), now).toMillis();
            }
        }

        private static double number(ResultSet row, int column) throws SQLException {
            double value = row.getDouble(column);
            return row.wasNull() ? Double.NaN : value;
        }
    }

    // ---- the system --------------------------------------------------------------------------------------------

    /** The {@code up} JVM measured: one this benchmark started ({@code bin/agentmeter up}), or one running already. */
    private static final class UpProcess {
        private final Process process;
        private final long pid;
        private final Path dataDir;

        private UpProcess(Process process, long pid, Path dataDir) {
            this.process = process;
            this.pid = pid;
            this.dataDir = dataDir;
        }

        /** {@code bin/agentmeter up --data-dir --ports}, its console to {@code log}; returns once it says it is up. */
        static UpProcess launch(Path root, Path dataDir, String ports, Path log) throws Exception {
            Files.createDirectories(dataDir);
            List<String> command = List.of(root.resolve("bin/agentmeter").toString(), "up", "--data-dir",
                    dataDir.toString(), "--ports", ports);
            System.out.println("starting " + String.join(" ", command));
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            UpProcess up = new UpProcess(process, process.pid(), dataDir);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
            while (true) {
                String console = Files.readString(log, StandardCharsets.UTF_8);
                if (console.contains("agentmeter is up")) {
                    System.out.println(console.lines().filter(l -> l.startsWith("  ") && l.contains("✓")
                            || l.contains(" ok ") || l.startsWith("agentmeter is up")).reduce("", (a, b) -> a + b
                            + "\n").strip());
                    return up;
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    up.stop();
                    throw new IllegalStateException("up did not start; its console (" + log + "):\n" + console);
                }
                Thread.sleep(500);
            }
        }

        static UpProcess attach(Path dataDir) throws IOException {
            long pid = Long.parseLong(Files.readString(dataDir.resolve("up.lock")).strip());
            return new UpProcess(null, pid, dataDir);
        }

        long pid() {
            return pid;
        }

        /** The current pid of each service (the last line of each in {@code services.pid}), PostgreSQL aside. */
        Map<String, Long> services() {
            Map<String, Long> pids = new LinkedHashMap<>();
            try {
                for (String line : Files.readAllLines(dataDir.resolve("services.pid"))) {
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length == 2 && !parts[0].equals("postgres")) {
                        pids.put(parts[0], Long.parseLong(parts[1]));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not there (yet): no services to measure
            }
            return pids;
        }

        /** SIGTERM to the {@code up} this benchmark started (it stops the services, Kafka, PostgreSQL), and waits. */
        void stop() throws InterruptedException {
            if (process == null || !process.isAlive()) {
                return;
            }
            System.out.println("stopping up (pid " + pid + ")");
            process.destroy();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                System.out.println("up did not stop within 120 s");
            }
        }
    }
}
