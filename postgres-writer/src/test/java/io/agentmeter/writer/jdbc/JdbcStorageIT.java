package io.agentmeter.writer.jdbc;

import static io.agentmeter.writer.jdbc.SinkDatabase.priced;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.writer.sink.SinkBatch;
import io.agentmeter.writer.sink.Storage;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.priced.PricedTurn;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink's writes against a real PostgreSQL: the key guard that makes a replayed or repeated write a no-op, and the
 * rollups the same transaction adds each new turn to, compared with a plain SQL recomputation over the stored turns.
 * Each test uses a tenant of its own.
 */
class JdbcStorageIT {

    private static final Instant AT = Instant.parse("2026-03-04T10:15:30.123Z");
    /** The newest time of the any-age test's turns (fixed, so a failure replays). */
    private static final Instant BASE = Instant.parse("2026-12-06T18:00:00Z");

    @RegisterExtension
    static final SinkDatabase DATABASE = new SinkDatabase();

    @Test
    void shouldWriteATurnOnceWhenItIsTwiceInABatchAndWhenTheBatchIsWrittenAgain() throws Exception {
        PricedTurn first = priced(turn("dup-1", "s-dup", "gpt-5"));
        PricedTurn copy = priced(turn("dup-1", "s-dup", "gpt-4o"));
        PricedTurn other = priced(turn("dup-2", "s-dup", "gpt-5"));

        DATABASE.storage().write(batch(List.of(first, copy, other)));
        DATABASE.storage().write(batch(List.of(first, copy, other)));

        assertThat(query("SELECT count(*) FROM turns WHERE session_id = 's-dup'")).isEqualTo("2");
        assertThat(query("SELECT count(*) FROM turn_keys WHERE event_id LIKE 'dup-%'")).isEqualTo("2");
        assertThat(query("SELECT model FROM turns WHERE event_id = 'dup-1'")).as("the first copy wins")
                .isEqualTo("gpt-5");
        assertThat(query("SELECT turns || '|' || (models ? 'gpt-4o') FROM session_rollups"
                + " WHERE session_id = 's-dup'")).as("the rollup counts the turns the table holds").isEqualTo("2|false");
    }

    @Test
    void shouldTellTheCopiesItTurnsAwayThatDifferFromTheStoredTurn() throws Exception {
        TurnEvent first = turn("copy-1", "s-copies", "gpt-5");
        DATABASE.storage().write(batch(List.of(priced(first))));

        TurnEvent otherTime = SinkDatabase.turn("acme", "copy-1", AT.plusSeconds(90), "s-copies", "gpt-5");
        TurnEvent otherSession = turn("copy-1", "s-elsewhere", "gpt-5");
        Storage.Written written = DATABASE.storage().write(batch(List.of(priced(first), priced(otherTime),
                priced(otherSession), priced(turn("copy-2", "s-copies", "gpt-5")))));

        assertThat(written.fresh()).isEqualTo(1);
        assertThat(written.copies()).isEqualTo(3);
        assertThat(written.conflicts()).extracting(Storage.Conflict::difference).containsExactly(
                "$.occurred_at: stored first copy " + AT + ", this copy " + AT.plusSeconds(90),
                "$.session_id: stored first copy s-copies, this copy s-elsewhere");
        assertThat(query("SELECT turns FROM session_rollups WHERE session_id = 's-copies'")).isEqualTo("2");
        assertThat(query("SELECT count(*) FROM session_rollups WHERE session_id = 's-elsewhere'")).isEqualTo("0");
    }

    @Test
    void shouldStoreEveryColumnOfATurnAsReported() throws Exception {
        TurnEvent turn = turn("cols-1", "s-cols", "gpt-5");
        DATABASE.storage().write(batch(List.of(priced(turn))));

        assertThat(query("SELECT concat_ws('|', tenant_id, occurred_at AT TIME ZONE 'UTC', input_tokens,"
                + " output_tokens, coalesce(cache_write_tokens::text, 'null'), cost_status, cost_usd, late,"
                + " duration_ms, tools IS NULL) FROM turns WHERE event_id = 'cols-1'"))
                .isEqualTo("acme|2026-03-04 10:15:30.123|10000|3000|null|priced|"
                        + priced(turn).cost().totalUsd().toPlainString() + "|f|1500|t");
    }

    @Test
    void shouldCountEveryFirstCopyOnceInEveryRollupAtAnyAgeAndInAnyOrder() throws Exception {
        String tenant = "any-age";
        Random random = new Random(15);
        List<PricedTurn> firsts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            firsts.add(priced(varied(tenant, "t-" + i, random)));
        }
        // Every turn once, shuffled, in batches of 1–60, each batch with copies of earlier turns: identical, or
        // conflicting (same id, another time and tokens).
        List<PricedTurn> order = new ArrayList<>(firsts);
        Collections.shuffle(order, random);
        List<PricedTurn> written = new ArrayList<>();
        int next = 0;
        while (next < order.size()) {
            SinkBatch batch = new SinkBatch();
            int size = Math.min(order.size() - next, 1 + random.nextInt(60));
            for (int k = 0; k < size; k++) {
                batch.addTurn(order.get(next++));
            }
            for (int k = 0; k < 5 && !written.isEmpty(); k++) {
                PricedTurn old = written.get(random.nextInt(written.size()));
                batch.addTurn(random.nextBoolean() ? old : priced(conflicting(old.turn(), random)));
            }
            written.addAll(batch.turns().subList(0, size));
            DATABASE.storage().write(batch);
        }

        assertThat(query("SELECT count(*) FROM turns WHERE tenant_id = '" + tenant + "'")).isEqualTo("400");
        assertRollupsEqualTheRecomputation(tenant);
    }

    @Test
    void shouldDescribeASessionByItsLatestTurnInEventTimeWhateverTheArrivalOrder() throws Exception {
        String tenant = "described";
        for (int i = 3; i >= 1; i--) { // newest first, one batch each
            TurnEvent t = SinkDatabase.turn(tenant, "d-" + i, AT.plus(Duration.ofMinutes(i)), "s-1", "gpt-5");
            DATABASE.storage().write(batch(List.of(priced(withProject(t, "project-" + i)))));
        }

        assertThat(query("SELECT project || '|' || turns FROM session_rollups WHERE tenant_id = '" + tenant + "'"))
                .isEqualTo("project-3|3");
    }

    @Test
    void shouldLoseNoTurnWhenTwoSinksAddToTheSameWindowsAtOnce() throws Exception {
        String tenant = "two-sinks";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (JdbcStorage one = DATABASE.storage(MonthlyPartitions.turns(java.time.Clock.systemUTC(), 1));
             JdbcStorage two = DATABASE.storage(MonthlyPartitions.turns(java.time.Clock.systemUTC(), 1))) {
            List<Future<?>> done = new ArrayList<>();
            for (JdbcStorage storage : List.of(one, two)) {
                String sink = storage == one ? "a" : "b";
                done.add(pool.submit(() -> {
                    for (int b = 0; b < 30; b++) {
                        SinkBatch batch = new SinkBatch();
                        for (int k = 0; k < 5; k++) {
                            // Each sink its own session (a session is one partition's), the same windows.
                            batch.addTurn(priced(SinkDatabase.turn(tenant, sink + "-" + b + "-" + k,
                                    AT.plusMillis(b * 10L + k), "s-" + sink, "gpt-5")));
                        }
                        storage.write(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(query("SELECT string_agg(turns::text, ',') FROM session_rollups WHERE tenant_id = '" + tenant
                + "'")).isEqualTo("150,150");
        assertThat(query("SELECT turns FROM model_rollups WHERE tenant_id = '" + tenant + "' AND window_size = '1d'"))
                .isEqualTo("300");
        assertRollupsEqualTheRecomputation(tenant);
    }

    /** Every rollup row of {@code tenant} equals the same figures recomputed from its stored turns, and the reverse. */
    private static void assertRollupsEqualTheRecomputation(String tenant) throws SQLException {
        String figures = "count(*), count(*) FILTER (WHERE status = 'error'), sum(input_tokens), count(input_tokens),"
                + " sum(cache_read_tokens), count(cache_read_tokens), sum(cost_usd), count(cost_usd),"
                + " count(*) FILTER (WHERE cost_status = 'unpriced'), sum(duration_ms), min(duration_ms),"
                + " max(duration_ms), count(duration_ms), min(occurred_at), max(occurred_at)";
        String stored = "turns, error_turns, input_tokens, input_tokens_turns, cache_read_tokens,"
                + " cache_read_tokens_turns, cost_usd, cost_turns, unpriced_turns, duration_ms_sum, duration_ms_min,"
                + " duration_ms_max, duration_turns, first_seen, last_seen";
        String t = "(SELECT * FROM turns WHERE tenant_id = '" + tenant + "') t";
        assertThat(differences("SELECT session_id, " + figures + " FROM " + t + " GROUP BY 1",
                "SELECT session_id, " + stored + " FROM session_rollups WHERE tenant_id = '" + tenant + "'"))
                .as("session rollups").isEqualTo("0");
        for (String size : List.of("minute:1m", "hour:1h", "day:1d")) {
            String unit = size.split(":")[0];
            String label = size.split(":")[1];
            String window = "date_trunc('" + unit + "', occurred_at, 'UTC')";
            String where = " WHERE tenant_id = '" + tenant + "' AND window_size = '" + label + "'";
            assertThat(differences("SELECT " + window + ", coalesce(project, ''), coalesce(provider, ''), model, "
                    + figures + " FROM " + t + " GROUP BY 1, 2, 3, 4", "SELECT window_start, project, provider, model, "
                    + stored + " FROM model_rollups" + where)).as("model rollups " + label).isEqualTo("0");
            assertThat(differences("SELECT " + window + ", coalesce(agent, ''), " + figures + " FROM " + t
                    + " GROUP BY 1, 2", "SELECT window_start, agent, " + stored + " FROM agent_rollups" + where))
                    .as("agent rollups " + label).isEqualTo("0");
            assertThat(differences("SELECT " + window + ", tl.name, " + figures + ", sum(tl.calls)::bigint FROM " + t
                    + " CROSS JOIN LATERAL (SELECT e->>'name' AS name, sum((e->>'calls')::bigint) AS calls FROM"
                    + " jsonb_array_elements(coalesce(t.tools, '[]')) e GROUP BY 1) tl GROUP BY 1, 2",
                    "SELECT window_start, tool, " + stored + ", tool_calls FROM tool_rollups" + where))
                    .as("tool rollups " + label).isEqualTo("0");
        }
    }

    /**
     * How many rows one query returns that the other does not (both ways), as text, and a few of them (those of
     * {@code expected} first) when there are any.
     */
    private static String differences(String expected, String actual) throws SQLException {
        String count = query("SELECT count(*) FROM ((" + expected + " EXCEPT ALL " + actual + ") UNION ALL (" + actual
                + " EXCEPT ALL " + expected + ")) d");
        return count.equals("0") ? count : count + ", e.g. " + query("SELECT string_agg(d::text, ' | ') FROM ((("
                + expected + " EXCEPT ALL " + actual + ") UNION ALL (" + actual + " EXCEPT ALL " + expected
                + ")) LIMIT 4) d");
    }

    /** A turn of {@code tenant} of any age up to 400 days before {@link #BASE}, in one of five sessions, with figures that vary or are missing. */
    private static TurnEvent varied(String tenant, String id, Random random) {
        // Nanoseconds, a quarter of them at exactly half a microsecond: PostgreSQL keeps microseconds, and the
        // rollups' first and last seen must round as the turns' occurred_at does.
        long nanos = random.nextInt(4) == 0 ? 1000L * random.nextInt(1_000_000) + 500 : random.nextInt(1_000_000_000);
        Instant at = BASE.minus(Duration.ofMinutes(random.nextInt(400 * 24 * 60))).plusNanos(nanos);
        Long input = random.nextInt(10) == 0 ? null : (long) random.nextInt(50_000);
        Long cacheRead = random.nextBoolean() ? null : (long) random.nextInt(20_000);
        Long duration = random.nextInt(8) == 0 ? null : (long) random.nextInt(60_000);
        String model = random.nextInt(7) == 0 ? "no-such-model" : random.nextBoolean() ? "gpt-5" : "gpt-4o";
        List<ToolUse> tools = random.nextInt(3) == 0 ? null : List.of(
                new ToolUse("bash", 1 + random.nextInt(3), null, null, null),
                new ToolUse(random.nextBoolean() ? "bash" : "read", 1, 20L, null, null));
        return new TurnEvent(1, tenant, id, at, "s-" + random.nextInt(5), model, "openai",
                random.nextBoolean() ? "p1" : null, "agent-" + random.nextInt(3), null, null, null, null, null,
                duration, random.nextInt(10) == 0 ? "error" : "ok", null,
                new Usage(input, (long) random.nextInt(5_000), cacheRead, null, null, null, null), null, null, tools,
                null, null, null, null, null);
    }

    /** The same event id with another time and other tokens. */
    private static TurnEvent conflicting(TurnEvent t, Random random) {
        return new TurnEvent(1, t.tenantId(), t.eventId(), t.occurredAt().minus(Duration.ofDays(random.nextInt(30))),
                t.sessionId(), t.model(), t.provider(), t.project(), t.agent(), null, null, null, null, null,
                t.durationMs(), t.status(), null, new Usage(999_999L, 1L, null, null, null, null, null), null, null,
                t.tools(), null, null, null, null, null);
    }

    private static TurnEvent withProject(TurnEvent t, String project) {
        return new TurnEvent(1, t.tenantId(), t.eventId(), t.occurredAt(), t.sessionId(), t.model(), t.provider(),
                project, t.agent(), null, null, null, null, null, t.durationMs(), t.status(), null, t.usage(), null,
                null, null, null, null, null, null, null);
    }

    private static TurnEvent turn(String eventId, String session, String model) {
        return SinkDatabase.turn("acme", eventId, AT, session, model);
    }

    private static SinkBatch batch(List<PricedTurn> turns) {
        SinkBatch batch = new SinkBatch();
        turns.forEach(batch::addTurn);
        return batch;
    }

    private static String query(String sql) throws SQLException {
        return DATABASE.query(sql);
    }
}
