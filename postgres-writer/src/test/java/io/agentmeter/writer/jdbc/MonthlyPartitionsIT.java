package io.agentmeter.writer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.writer.sink.SinkBatch;
import io.agentmeter.schema.db.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Partitions of {@code turns} are made ahead and for the months turns arrive in, with the clock past the months
 * migration V2 created (2025-01…2027-12): no turn lands in {@code turns_default}. Against a real PostgreSQL.
 */
class MonthlyPartitionsIT {

    @RegisterExtension
    static final SinkDatabase DATABASE = new SinkDatabase();

    private static final Clock MARCH_2028 = Clock.fixed(Instant.parse("2028-03-15T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldCreateTheMonthsAheadOfTheClockAtStart() throws Exception {
        MonthlyPartitions partitions = MonthlyPartitions.turns(MARCH_2028, 21);
        upkeep(partitions).runOnce();

        assertThat(partitionsOf("2028")).as("2028: from the clock's month on")
                .containsExactly("turns_2028_03", "turns_2028_04", "turns_2028_05", "turns_2028_06", "turns_2028_07",
                        "turns_2028_08", "turns_2028_09", "turns_2028_10", "turns_2028_11", "turns_2028_12");
        assertThat(partitionsOf("2029")).as("2029, 21 months ahead of 2028-03").hasSize(12);
        assertThat(partitionsOf("2030")).isEmpty();
    }

    @Test
    void shouldWriteTurnsOfAnyMonthIntoTheirMonthsPartition() throws Exception {
        MonthlyPartitions partitions = MonthlyPartitions.turns(MARCH_2028, 12);
        upkeep(partitions).runOnce();
        List<Instant> at = List.of(Instant.parse("2028-03-15T11:59:00Z"), Instant.parse("2028-06-01T00:00:00Z"),
                Instant.parse("2028-01-20T08:00:00Z"), Instant.parse("2023-06-10T10:00:00Z"),
                Instant.parse("2023-06-30T23:59:59.999Z"));
        try (JdbcStorage storage = DATABASE.storage(partitions)) {
            storage.write(batch("any-month", at));
        }

        assertThat(DATABASE.query("SELECT string_agg(tableoid::regclass::text || ' ' || event_id, ', '"
                + " ORDER BY occurred_at) FROM turns WHERE tenant_id = 'any-month'"))
                .isEqualTo("turns_2023_06 any-month-3, turns_2023_06 any-month-4, turns_2028_01 any-month-2, "
                        + "turns_2028_03 any-month-0, turns_2028_06 any-month-1");
        assertThat(DATABASE.query("SELECT count(*) FROM turns_default")).isEqualTo("0");
    }

    @Test
    void shouldMoveRowsLeftInTheDefaultPartitionIntoTheirMonth() throws Exception {
        // A row written before its month had a partition, as every import of pre-2025 history was.
        Migrations.apply(DATABASE.dataSource());
        execute("INSERT INTO turns (tenant_id, event_id, occurred_at, session_id, model, cost_status)"
                + " VALUES ('stranded', 'old-1', '2019-05-04T03:02:01Z', 's', 'gpt-5', 'unpriced')");
        assertThat(DATABASE.query("SELECT tableoid::regclass FROM turns WHERE tenant_id = 'stranded'"))
                .isEqualTo("turns_default");

        upkeep(MonthlyPartitions.turns(MARCH_2028, 12)).runOnce();

        assertThat(DATABASE.query("SELECT tableoid::regclass FROM turns WHERE tenant_id = 'stranded'"))
                .isEqualTo("turns_2019_05");
    }

    static TableUpkeep upkeep(MonthlyPartitions partitions) {
        return new TableUpkeep(DATABASE.dataSource(), List.of(partitions), Optional.empty(), Duration.ofDays(1));
    }

    /** The turns, one each, event ids {@code <tenant>-<index>}. */
    static SinkBatch batch(String tenant, List<Instant> at) {
        SinkBatch batch = new SinkBatch();
        for (int i = 0; i < at.size(); i++) {
            batch.addTurn(SinkDatabase.priced(SinkDatabase.turn(tenant, tenant + "-" + i, at.get(i), "s-" + tenant,
                    "gpt-5")));
        }
        return batch;
    }

    private static List<String> partitionsOf(String year) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DATABASE.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c"
                     + " ON c.oid = i.inhrelid WHERE i.inhparent = 'turns'::regclass AND c.relname LIKE 'turns_"
                     + year + "_%' ORDER BY c.relname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DATABASE.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
