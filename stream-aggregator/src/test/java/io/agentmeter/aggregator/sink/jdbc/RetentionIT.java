package io.agentmeter.aggregator.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.aggregator.sink.SinkBatch;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.RollupKeys;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.WindowSize;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a retention, whole old monthly partitions of {@code turns} and the old rows of {@code turn_keys}, the windowed
 * rollups and the session rollups go, from the start of the month holding now − retention; what is newer stays.
 * Without one, nothing goes. Against a real PostgreSQL, through {@link TableUpkeep#runOnce}; tenants of their own.
 */
class RetentionIT {

    @RegisterExtension
    static final SinkDatabase DATABASE = new SinkDatabase();

    /** 400 days before 2028-03-15 is 2027-02-09, so everything before 2027-02-01 goes. */
    private static final Clock MARCH_2028 = Clock.fixed(Instant.parse("2028-03-15T12:00:00Z"), ZoneOffset.UTC);
    private static final Duration KEEP = Duration.ofDays(400);

    @Test
    void shouldCutAtTheStartOfTheMonthHoldingNowMinusRetention() {
        assertThat(new Retention(KEEP, MARCH_2028).cutoff()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
    }

    @Test
    void shouldDropOldPartitionsAndRowsAndKeepRecentOnes() throws Exception {
        List<Instant> at = List.of(Instant.parse("2026-12-15T10:00:00Z"), Instant.parse("2027-01-31T23:59:59Z"),
                Instant.parse("2027-02-01T00:00:00Z"), Instant.parse("2028-03-01T09:00:00Z"));
        TurnPartitions partitions = new TurnPartitions(MARCH_2028, 12);
        try (JdbcStorage storage = DATABASE.storage(partitions)) {
            storage.write(batch("old-and-new", at));
        }
        // A row of a month without a partition sits in the default partition; it must go too.
        Migrations.apply(DATABASE.dataSource());
        execute("INSERT INTO turns (tenant_id, event_id, occurred_at, session_id, model, cost_status)"
                + " VALUES ('old-and-new', 'stranded', '2020-01-02T03:04:05Z', 's', 'gpt-5', 'unpriced')");

        upkeep(partitions, Optional.of(new Retention(KEEP, MARCH_2028))).runOnce();

        String tenant = "old-and-new";
        assertThat(rows(tenant, "event_id", "turns")).as("the stranded row too").isEqualTo("old-and-new-2, old-and-new-3");
        assertThat(rows(tenant, "event_id", "turn_keys")).isEqualTo("old-and-new-2, old-and-new-3");
        assertThat(rows(tenant, window("window_size || ' ' || "), "model_rollups")).as("by window end")
                .isEqualTo("1d 2027-02-01 00:00, 1d 2028-03-01 00:00, 1h 2027-02-01 00:00, 1h 2028-03-01 09:00, "
                        + "1m 2027-02-01 00:00, 1m 2028-03-01 09:00");
        assertThat(rows(tenant, window(""), "agent_rollups")).isEqualTo("2027-02-01 00:00, 2028-03-01 00:00");
        assertThat(rows(tenant, "session_id", "session_rollups")).as("by last seen").isEqualTo("s-2, s-3");
        assertThat(partition("turns_2027_01")).as("a month before the cutoff").isFalse();
        assertThat(partition("turns_2025_01")).as("V2's first month").isFalse();
        assertThat(partition("turns_2027_02")).as("the cutoff's month").isTrue();
        assertThat(DATABASE.query("SELECT generation FROM settled_changes WHERE tenant_id = 'old-and-new'"))
                .as("the query API's caches told").isEqualTo("1");
    }

    @Test
    void shouldDropNothingWithoutARetention() throws Exception {
        List<Instant> at = List.of(Instant.parse("2019-03-01T10:00:00Z"), Instant.parse("2027-01-10T10:00:00Z"));
        TurnPartitions partitions = new TurnPartitions(MARCH_2028, 12);
        try (JdbcStorage storage = DATABASE.storage(partitions)) {
            storage.write(batch("keep-all", at));
        }

        upkeep(partitions, Optional.empty()).runOnce();

        assertThat(rows("keep-all", "event_id", "turns")).isEqualTo("keep-all-0, keep-all-1");
        assertThat(rows("keep-all", "event_id", "turn_keys")).isEqualTo("keep-all-0, keep-all-1");
        assertThat(rows("keep-all", window(""), "agent_rollups")).isEqualTo("2019-03-01 00:00, 2027-01-10 00:00");
        assertThat(DATABASE.query("SELECT count(*) FROM model_rollups WHERE tenant_id = 'keep-all'")).isEqualTo("6");
        assertThat(rows("keep-all", "session_id", "session_rollups")).isEqualTo("s-0, s-1");
        assertThat(partition("turns_2019_03")).isTrue();
    }

    private static TableUpkeep upkeep(TurnPartitions partitions, Optional<Retention> retention) {
        return new TableUpkeep(DATABASE.dataSource(), partitions, retention, Duration.ofDays(1));
    }

    /** Turn i of session {@code s-i}, with its session rollup, its model rollups in every size and its day's agent rollup. */
    private static SinkBatch batch(String tenant, List<Instant> at) {
        SinkBatch batch = new SinkBatch();
        for (int i = 0; i < at.size(); i++) {
            PricedTurn turn = SinkDatabase.priced(SinkDatabase.turn(tenant, tenant + "-" + i, at.get(i), "s-" + i,
                    "gpt-5"));
            batch.addTurn(turn);
            batch.addRollup(Topics.SESSION_ROLLUPS.name(), RollupKeys.session(tenant, "s-" + i),
                    Topics.SESSION_ROLLUPS.valueSerde().serializer().serialize(Topics.SESSION_ROLLUPS.name(),
                            SessionRollup.EMPTY.plus(turn)));
            for (WindowSize size : WindowSize.values()) {
                Instant start = size.windowStart(at.get(i));
                batch.addRollup(Topics.MODEL_ROLLUPS.name(), RollupKeys.windowed(RollupKeys.model(tenant, "p1",
                        "openai", "gpt-5"), size, start), Topics.MODEL_ROLLUPS.valueSerde().serializer().serialize(
                        Topics.MODEL_ROLLUPS.name(), ModelRollup.EMPTY.plus(turn).inWindow(size, start)));
            }
            Instant day = WindowSize.ONE_DAY.windowStart(at.get(i));
            batch.addRollup(Topics.AGENT_ROLLUPS.name(), RollupKeys.windowed(RollupKeys.agent(tenant, "planner"),
                    WindowSize.ONE_DAY, day), Topics.AGENT_ROLLUPS.valueSerde().serializer().serialize(
                    Topics.AGENT_ROLLUPS.name(), AgentRollup.EMPTY.plus(turn).inWindow(WindowSize.ONE_DAY, day)));
        }
        return SinkDatabase.decoded(batch);
    }

    /** {@code column} of {@code tenant}'s rows of {@code table}, sorted, comma-separated ("" when none). */
    private static String rows(String tenant, String column, String table) throws SQLException {
        return DATABASE.query("SELECT coalesce(string_agg(v, ', ' ORDER BY v), '') FROM (SELECT " + column
                + " AS v FROM " + table + " WHERE tenant_id = '" + tenant + "') r");
    }

    /** A window's size and its start in UTC. */
    private static String window(String alsoSize) {
        return alsoSize + "to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')";
    }

    private static boolean partition(String name) throws SQLException {
        return DATABASE.query("SELECT to_regclass('" + name + "') IS NOT NULL").equals("t");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DATABASE.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
