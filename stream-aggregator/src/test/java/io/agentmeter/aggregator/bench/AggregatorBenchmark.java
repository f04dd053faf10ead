package io.agentmeter.aggregator.bench;

import io.agentmeter.aggregator.Aggregator;
import io.agentmeter.aggregator.AggregatorConfig;
import io.agentmeter.writer.Writer;
import io.agentmeter.writer.WriterConfig;
import io.agentmeter.aggregator.it.EndToEndHarness;
import io.agentmeter.aggregator.it.TurnGenerator;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.writer.jdbc.TurnRowWriter;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Measures the aggregator on this machine: a real broker and PostgreSQL in this JVM, the aggregator (topology and
 * sink) in this JVM too. Not a test; run it with the command in docs/aggregator.md. Phases:
 * <ol>
 *   <li>warm-up: {@code bench.freshness.rate} for {@code bench.warmup.seconds} (default 80), then drained;</li>
 *   <li>sustained: turns offered at {@code bench.rate} (default 10,000/s) for {@code bench.seconds}; reports what the
 *       topology and the sink kept up with and whether the backlog grew;</li>
 *   <li>freshness: {@code bench.freshness.rate} (default 5,000/s) for {@code bench.freshness.seconds}; reports
 *       p50/p99 of occurred_at → committed in PostgreSQL, per turn;</li>
 *   <li>plain insert: the same kind of rows written straight to PostgreSQL with the sink's own writer, one batch
 *       after another, for the ratio.</li>
 * </ol>
 */
public final class AggregatorBenchmark {

    static final int RATE = Integer.getInteger("bench.rate", 10_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int FRESH_RATE = Integer.getInteger("bench.freshness.rate", 5_000);
    static final int FRESH_SECONDS = Integer.getInteger("bench.freshness.seconds", 20);
    static final int PARTITIONS = Integer.getInteger("bench.partitions", 6);
    static final int THREADS = Integer.getInteger("bench.threads", 1);
    static final int BATCH = Integer.getInteger("bench.batch", 5000);
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup.seconds", 80);

    private AggregatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<TurnEvent> templates = TurnGenerator.turns(11, 20_000, Instant.now(), 1, 2_000).stream()
                .filter(t -> !TurnGenerator.UNKNOWN.equals(t.model())).toList();
        AtomicLong committed = new AtomicLong();
        AtomicReference<long[]> latencies = new AtomicReference<>();
        AtomicLong latencyCount = new AtomicLong();
        try (EndToEndHarness harness = new EndToEndHarness(PARTITIONS)) {
            harness.publishPrices();
            Map<String, String> env = new java.util.HashMap<>(harness.environment("bench-1", 0));
            env.put("AGENTMETER_STREAM_THREADS", String.valueOf(THREADS));
            Map<String, String> writerEnv = new java.util.HashMap<>(harness.writerEnvironment("bench-1", 0));
            writerEnv.put("AGENTMETER_SINK_BATCH_SIZE", String.valueOf(BATCH));
            String commitInterval = System.getProperty("bench.commit.interval");
            if (commitInterval != null) {
                env.put("AGENTMETER_COMMIT_INTERVAL", commitInterval);
            }
            long[] freshness = new long[FRESH_RATE * (FRESH_SECONDS + 5)];
            try (Aggregator aggregator = Aggregator.start(AggregatorConfig.from(env));
                 Writer writer = Writer.start(WriterConfig.from(writerEnv), (turns, at) -> {
                committed.addAndGet(turns.size());
                long[] sink = latencies.get();
                if (sink != null) {
                    for (PricedTurn turn : turns) {
                        long i = latencyCount.getAndIncrement();
                        if (i < sink.length) {
                            sink[(int) i] = at - turn.turn().occurredAt().toEpochMilli();
                        }
                    }
                }
            })) {
                System.out.printf("%nagentmeter aggregator benchmark: %d cores, %d partitions, %d stream thread(s),"
                        + " sink batch %d%n", Runtime.getRuntime().availableProcessors(), PARTITIONS, THREADS, BATCH);
                warmUp(harness, templates, committed);

                // Phase 1: sustained rate.
                long base = committed.get();
                SENT.set(0);
                long start = System.nanoTime();
                Sampler sampler = new Sampler(harness, committed, base);
                sampler.start();
                long sent = offer(harness, templates, RATE, SECONDS, 1_000_000);
                double offeredSeconds = (System.nanoTime() - start) / 1e9;
                long storedAtEnd = committed.get() - base;
                sampler.stopSampling();
                EndToEndHarness.await(() -> committed.get() - base >= sent, java.time.Duration.ofMinutes(5),
                        () -> "drained " + (committed.get() - base) + " of " + sent);
                double drainedSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("sustained: offered %,d turns at %,d/s over %.1f s; stored %,d by then"
                                + " (%,.0f/s); all stored after %.1f s -> %,.0f turns/s end to end%n",
                        sent, RATE, offeredSeconds, storedAtEnd, storedAtEnd / offeredSeconds, drainedSeconds,
                        sent / drainedSeconds);
                System.out.println("backlog (sent - stored) each second: " + sampler.backlog());

                // Phase 2: freshness at a fixed rate.
                latencies.set(freshness);
                latencyCount.set(0);
                long freshBase = committed.get();
                long freshSent = offer(harness, templates, FRESH_RATE, FRESH_SECONDS, 2_000_000);
                EndToEndHarness.await(() -> committed.get() - freshBase >= freshSent,
                        java.time.Duration.ofMinutes(5), () -> "freshness phase not drained");
                int n = (int) Math.min(latencyCount.get(), freshness.length);
                long[] sorted = Arrays.copyOf(freshness, n);
                Arrays.sort(sorted);
                System.out.printf("freshness at %,d/s for %d s (%,d turns): p50 %d ms, p99 %d ms, max %d ms%n",
                        FRESH_RATE, FRESH_SECONDS, n, sorted[n / 2], sorted[(int) (n * 0.99)], sorted[n - 1]);

                System.out.println(serverFigures(harness.stack.postgres().dataSource()));

                // Phase 3: plain PostgreSQL insert of the same rows.
                double plain = plainInsertRate(harness, templates, (int) Math.min(sent, 200_000));
                System.out.printf("plain PostgreSQL insert of the same rows (TurnRowWriter, batches of %d): %,.0f"
                        + " rows/s; aggregator end to end / plain insert = %.2f%n", BATCH, plain,
                        (sent / drainedSeconds) / plain);
            }
        }
        System.exit(0);
    }

    /**
     * Runs the whole pipeline long enough for the JIT to finish its hot paths (C2 takes 40-60% of a core for the first
     * minute, which a long-running aggregator never pays again), then waits until it is drained.
     */
    private static void warmUp(EndToEndHarness harness, List<TurnEvent> templates, AtomicLong committed) {
        long base = committed.get();
        long sent = offer(harness, templates, FRESH_RATE, WARM_UP_SECONDS, 0);
        EndToEndHarness.await(() -> committed.get() - base >= sent, java.time.Duration.ofMinutes(3),
                () -> "warm-up not drained");
    }

    /** Sends turns stamped with the current time, at {@code rate}/s for {@code seconds}; returns how many. */
    static long offer(EndToEndHarness harness, List<TurnEvent> templates, int rate, int seconds, long idBase) {
        List<Template> prepared = templates.stream().map(Template::of).toList();
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = harness.producer()) {
            for (long i = 0; i < total; i++) {
                Template t = prepared.get((int) (i % prepared.size()));
                producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(), t.key(),
                        t.bytes("b" + idBase + "-" + i, Instant.now())));
                SENT.incrementAndGet();
                if (i % 50 == 0) {
                    long wait = start + (i + 1) * 1_000_000_000L / rate - System.nanoTime();
                    if (wait > 1_000_000) {
                        EndToEndHarness.sleep(wait / 1_000_000);
                    }
                }
            }
        }
        return total;
    }

    /**
     * A template turn written to JSON once, with its event id and occurred_at spliced in per copy: the generator
     * shares the machine with what it measures, so it should cost as little as it can (full JSON writing per
     * turn took about a tenth of a core at 10,000/s).
     */
    record Template(String key, String before, String between, String after, boolean idFirst) {
        private static final String ID_SLOT = "bench-event-id-slot";
        private static final Instant TIME_SLOT = Instant.parse("2001-02-03T04:05:06.789Z");

        static Template of(TurnEvent t) {
            String json = new String(TurnEventWriter.toBytes(fresh(t, ID_SLOT, TIME_SLOT)),
                    StandardCharsets.UTF_8);
            String id = "\"" + ID_SLOT + "\"";
            String time = "\"" + TIME_SLOT + "\"";
            int idAt = json.indexOf(id);
            int timeAt = json.indexOf(time);
            if (idAt < 0 || timeAt < 0 || json.indexOf(time, timeAt + 1) >= 0) {
                throw new IllegalStateException("cannot find the slots in " + json);
            }
            int first = Math.min(idAt, timeAt);
            int second = Math.max(idAt, timeAt);
            int firstEnd = first + (idAt < timeAt ? id.length() : time.length());
            int secondEnd = second + (idAt < timeAt ? time.length() : id.length());
            return new Template(Keys.session(t.tenantId(), t.sessionId()), json.substring(0, first),
                    json.substring(firstEnd, second), json.substring(secondEnd), idAt < timeAt);
        }

        byte[] bytes(String eventId, Instant occurredAt) {
            String id = "\"" + eventId + "\"";
            String time = "\"" + occurredAt + "\"";
            return (before + (idFirst ? id : time) + between + (idFirst ? time : id) + after)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    static TurnEvent fresh(TurnEvent t, String id, Instant at) {
        return new TurnEvent(t.schemaVersion(), t.tenantId(), id, at, t.sessionId(), t.model(), t.provider(),
                t.project(), t.agent(), t.userId(), t.conversationId(), t.threadId(), t.turnIndex(), t.startedAt(),
                t.durationMs(), t.status(), t.errorType(), t.usage(), t.tokenBreakdown(), t.context(), t.tools(),
                t.reportedCostUsd(), t.params(), t.prompt(), t.labels(), t.recordingId());
    }

    static double plainInsertRate(EndToEndHarness harness, List<TurnEvent> templates, int rows) throws Exception {
        harness.stack.postgres().createDatabase("plain_insert");
        DataSource dataSource = harness.stack.postgres().dataSource("plain_insert");
        Migrations.apply(dataSource);
        PriceBook book = PriceBook.loadShipped();
        TurnGenerator.prices().forEach(p -> book.apply(p.key().toString(), p));
        List<PricedTurn> all = new ArrayList<>(rows);
        Instant now = Instant.now();
        for (int i = 0; i < rows; i++) {
            TurnEvent t = fresh(templates.get(i % templates.size()), "p-" + i, now.plusMillis(i % 60_000));
            all.add(new PricedTurn(t, CostEngine.price(t, book), false));
        }
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < rows; from += BATCH) {
                TurnRowWriter.insert(c, all.subList(from, Math.min(rows, from + BATCH)));
                c.commit();
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The server settings that bear on write cost, and what the whole run cost in WAL and checkpoints: a checkpoint
     * requested before its timeout means WAL filled max_wal_size, and every page first touched after a checkpoint
     * is logged whole (wal_fpi).
     */
    static String serverFigures(DataSource dataSource) throws Exception {
        StringBuilder out = new StringBuilder("PostgreSQL:");
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            try (java.sql.ResultSet rows = s.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN"
                    + " ('synchronous_commit', 'fsync', 'shared_buffers', 'max_wal_size', 'checkpoint_timeout',"
                    + " 'wal_compression', 'full_page_writes') ORDER BY name")) {
                while (rows.next()) {
                    out.append(' ').append(rows.getString(1)).append('=').append(rows.getString(2))
                            .append(rows.getString(3) == null ? "" : rows.getString(3));
                }
            }
            try (java.sql.ResultSet rows = s.executeQuery("SELECT w.wal_bytes, w.wal_fpi, c.num_timed,"
                    + " c.num_requested FROM pg_stat_wal w, pg_stat_checkpointer c")) {
                rows.next();
                out.append(String.format("%n  whole run: WAL %,d MB, %,d full-page images; checkpoints %d timed,"
                                + " %d requested", rows.getLong(1) >> 20, rows.getLong(2), rows.getLong(3),
                        rows.getLong(4)));
            }
            try (java.sql.ResultSet rows = s.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd"
                    + " FROM pg_stat_user_tables WHERE relname = 'session_rollups'")) {
                while (rows.next()) {
                    out.append(String.format("; %s: %,d inserts, %,d updates (%,d HOT)", rows.getString(1),
                            rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
        }
        return out.toString();
    }

    /** Samples sent - stored once a second. */
    static final class Sampler extends Thread {
        private final EndToEndHarness harness;
        private final AtomicLong committed;
        private final long base;
        private final List<Long> samples = new ArrayList<>();
        private volatile boolean running = true;

        Sampler(EndToEndHarness harness, AtomicLong committed, long base) {
            this.harness = harness;
            this.committed = committed;
            this.base = base;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                EndToEndHarness.sleep(1000);
                synchronized (samples) {
                    samples.add(SENT.get() - (committed.get() - base));
                }
            }
        }

        void stopSampling() {
            running = false;
        }

        List<Long> backlog() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }
    }

    static final AtomicLong SENT = new AtomicLong();
}
