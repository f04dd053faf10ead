package io.agentmeter.writer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.writer.sink.SinkBatch;
import io.agentmeter.schema.db.Migrations;
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

    private static final String DAYS_OF_AGENTS = "(SELECT * FROM agent_rollups WHERE window_size = '1d') a";

    @Test
    void shouldCutAtTheStartOfTheMonthHoldingNowMinusRetention() {
        assertThat(new Retention(KEEP, MARCH_2028).cutoff()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
    }

    @Test
    void shouldDropOldPartitionsAndRowsAndKeepRecentOnes() throws Exception {
        List<Instant> at = List.of(Instant.parse("2026-12-15T10:00:00Z"), Instant.parse("2027-01-31T23:59:59Z"),
                Instant.parse("2027-02-01T00:00:00Z"), Instant.parse("2028-03-01T09:00:00Z"));
        MonthlyPartitions partitions = MonthlyPartitions.turns(MARCH_2028, 12);
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
        assertThat(rows(tenant, window(""), DAYS_OF_AGENTS)).isEqualTo("2027-02-01 00:00, 2028-03-01 00:00");
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
        MonthlyPartitions partitions = MonthlyPartitions.turns(MARCH_2028, 12);
        try (JdbcStorage storage = DATABASE.storage(partitions)) {
            storage.write(batch("keep-all", at));
        }

        upkeep(partitions, Optional.empty()).runOnce();

        assertThat(rows("keep-all", "event_id", "turns")).isEqualTo("keep-all-0, keep-all-1");
        assertThat(rows("keep-all", "event_id", "turn_keys")).isEqualTo("keep-all-0, keep-all-1");
        assertThat(rows("keep-all", window(""), DAYS_OF_AGENTS)).isEqualTo("2019-03-01 00:00, 2027-01-10 00:00");
        assertThat(DATABASE.query("SELECT count(*) FROM model_rollups WHERE tenant_id = 'keep-all'")).isEqualTo("6");
        assertThat(rows("keep-all", "session_id", "session_rollups")).isEqualTo("s-0, s-1");
        assertThat(partition("turns_2019_03")).isTrue();
    }

    private static TableUpkeep upkeep(MonthlyPartitions partitions, Optional<Retention> retention) {
        return new TableUpkeep(DATABASE.dataSource(), List.of(partitions), retention, Duration.ofDays(1));
    }

    /** Turn i of session {@code s-i} at {@code at[i]}; the sink adds each to its session's and windows' rollups. */
    private static SinkBatch batch(String tenant, List<Instant> at) {
        SinkBatch batch = new SinkBatch();
        for (int i = 0; i < at.size(); i++) {
            batch.addTurn(SinkDatabase.priced(SinkDatabase.turn(tenant, tenant + "-" + i, at.get(i), "s-" + i,
                    "gpt-5")));
        }
        return batch;
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
