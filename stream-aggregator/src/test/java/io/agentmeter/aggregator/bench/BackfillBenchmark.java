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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The backfill benchmark of issue 15: {@code bench.turns} (default 1,000,000) turns spread over the last 365 days,
 * sent at once (an import of a year of history), into a fresh aggregator and sink; the time until PostgreSQL holds
 * every turn and the session and minute rollups count every turn (the figures every endpoint reads), against a plain PostgreSQL insert of the same priced rows with the sink's own writer. Not a
 * test; run it with the command in docs/aggregator.md. Reports the ratio of the two rates, measured in one run.
 */
public final class BackfillBenchmark {

    static final int TURNS = Integer.getInteger("bench.turns", 1_000_000);
    static final int SESSIONS = Integer.getInteger("bench.sessions", 20_000);
    static final int BATCH = Integer.getInteger("bench.batch", 5000);

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(365));
        long spacing = Duration.ofDays(365).toMillis() / TURNS;
        List<TurnEvent> turns = TurnGenerator.turns(365, TURNS, start, spacing, SESSIONS);
        try (EndToEndHarness harness = new EndToEndHarness(6)) {
            harness.publishPrices();
            try (Aggregator aggregator = Aggregator.start(AggregatorConfig.from(harness.environment("backfill", 0)));
                 Writer writer = Writer.start(WriterConfig.from(harness.writerEnvironment("backfill", 0)))) {
                System.out.printf("%nagentmeter backfill benchmark: %d cores, %,d turns over 365 days, %,d sessions%n",
                        Runtime.getRuntime().availableProcessors(), TURNS, SESSIONS);
                long t0 = System.nanoTime();
                try (KafkaProducer<String, byte[]> producer = harness.producer()) {
                    for (TurnEvent t : turns) {
                        producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(),
                                Keys.session(t.tenantId(), t.sessionId()), TurnEventWriter.toBytes(t)));
                    }
                }
                double sentSeconds = (System.nanoTime() - t0) / 1e9;
                DataSource db = harness.stack.postgres().dataSource();
                EndToEndHarness.await(() -> count(db, "SELECT count(*) FROM turns") == TURNS
                                && count(db, "SELECT coalesce(sum(turns), 0) FROM session_rollups") == TURNS
                                && count(db, "SELECT coalesce(sum(turns), 0) FROM model_rollups"
                                        + " WHERE window_size = '1m'") == TURNS,
                        Duration.ofMinutes(30), () -> "turns " + count(db, "SELECT count(*) FROM turns")
                                + ", session rollup turns "
                                + count(db, "SELECT coalesce(sum(turns), 0) FROM session_rollups"));
                double doneSeconds = (System.nanoTime() - t0) / 1e9;
                long late = count(db, "SELECT count(*) FROM turns WHERE late");
                System.out.printf("sent in %.1f s; every turn stored and in its session and minute rollups after"
                        + " %.1f s -> %,.0f turns/s (%,d of them flagged late, counted like any other)%n",
                        sentSeconds, doneSeconds, TURNS / doneSeconds, late);
                double plain = plainInsertRate(harness, turns);
                System.out.printf("plain PostgreSQL insert of the same rows (TurnRowWriter, batches of %d): %,.0f"
                        + " rows/s; backfill / plain insert = %.2f%n", BATCH, plain, (TURNS / doneSeconds) / plain);
            }
        }
        System.exit(0);
    }

    private static double plainInsertRate(EndToEndHarness harness, List<TurnEvent> turns) throws Exception {
        harness.stack.postgres().createDatabase("plain_backfill");
        DataSource dataSource = harness.stack.postgres().dataSource("plain_backfill");
        Migrations.apply(dataSource);
        PriceBook book = PriceBook.loadShipped();
        TurnGenerator.prices().forEach(p -> book.apply(p.key().toString(), p));
        List<PricedTurn> priced = new ArrayList<>(turns.size());
        for (TurnEvent t : turns) {
            priced.add(new PricedTurn(t, CostEngine.price(t, book), true));
        }
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < priced.size(); from += BATCH) {
                TurnRowWriter.insert(c, priced.subList(from, Math.min(priced.size(), from + BATCH)));
                c.commit();
            }
        }
        return priced.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static long count(DataSource db, String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
