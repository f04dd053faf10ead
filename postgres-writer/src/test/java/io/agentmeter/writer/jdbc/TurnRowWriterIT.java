package io.agentmeter.writer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.CostStatus;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.priced.PricedTurn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A priced turn lands as one row, in its month's partition, in a real PostgreSQL migrated from empty. */
class TurnRowWriterIT {

    private static LocalPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = LocalPostgres.startEphemeral();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void shouldWriteOnePricedTurnRowAfterEveryMigrationOnAnEmptyDatabase() throws Exception {
        String database = "foundation_" + Long.toHexString(System.nanoTime());
        postgres.createDatabase(database);
        var dataSource = postgres.dataSource(database);
        assertThat(Migrations.apply(dataSource)).isGreaterThanOrEqualTo(4);

        TurnEvent turn = sampleTurn("gpt-5", new Usage(10_000L, 3_000L, 8_000L, null, null, null, null));
        TurnCost cost = CostEngine.price(turn, PriceBook.loadShipped());
        assertThat(cost.status()).isEqualTo(CostStatus.PRICED);
        PricedTurn priced = new PricedTurn(turn, cost, false);

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(TurnRowWriter.insert(connection, List.of(priced))).isEqualTo(1);
            // The same turn again, as after a retried batch: nothing more is written.
            assertThat(TurnRowWriter.insert(connection, List.of(priced))).isZero();
            connection.commit();

            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*) OVER () AS n, cost_usd, cost_status, "
                         + "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, "
                         + "price_version, tableoid::regclass::text AS part FROM turns WHERE event_id = '"
                         + turn.eventId() + "'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt("n")).isEqualTo(1);
                // 2,000 uncached x $1.25/M + 8,000 cached x $0.125/M + 3,000 output x $10/M
                assertThat(row.getBigDecimal("cost_usd")).isEqualByComparingTo(new BigDecimal("0.0335"));
                assertThat(row.getString("cost_status")).isEqualTo("priced");
                assertThat(row.getLong("input_tokens")).isEqualTo(10_000L);
                assertThat(row.getLong("cache_read_tokens")).isEqualTo(8_000L);
                assertNull(row, "cache_write_tokens");
                assertNull(row, "reasoning_tokens");
                assertThat(row.getString("price_version")).startsWith("litellm@");
                assertThat(row.getString("part")).as("monthly partition").startsWith("turns_2");
            }
        }
    }

    private static void assertNull(ResultSet row, String column) throws SQLException {
        row.getLong(column);
        assertThat(row.wasNull()).as(column + " is NULL (not reported), not 0").isTrue();
    }

    private static TurnEvent sampleTurn(String model, Usage usage) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        return new TurnEvent(1, "acme", "evt-" + UUID.randomUUID(), at, "session-1", model, "openai", "demo",
                "planner", "user-1", null, null, 3, at.minusMillis(1_500), 1_500L, "ok", null, usage, null, null,
                null, null, null, null, Map.of("env", "test"), null);
    }
}
