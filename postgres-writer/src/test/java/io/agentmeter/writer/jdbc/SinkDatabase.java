package io.agentmeter.writer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.priced.PricedTurn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the sink's storage ITs share: an ephemeral PostgreSQL with the sink's {@link JdbcStorage} over it, started
 * before a test class's tests and stopped after them (register it as a static {@code @RegisterExtension} field), a
 * one-value query, and the priced turns and decoded batches they write.
 */
final class SinkDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final PriceBook PRICES = PriceBook.loadShipped();

    private LocalPostgres postgres;
    private JdbcStorage storage;

    @Override
    public void beforeAll(ExtensionContext context) {
        postgres = LocalPostgres.startEphemeral();
        storage = new JdbcStorage(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (storage != null) {
            storage.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    JdbcStorage storage() {
        return storage;
    }

    /** A storage of its own over the same database, sharing {@code partitions} (close it after use). */
    JdbcStorage storage(MonthlyPartitions partitions) {
        return new JdbcStorage(postgres.jdbcUrl(), postgres.username(), postgres.password(), partitions);
    }

    DataSource dataSource() {
        return postgres.dataSource();
    }

    /** The first column of the first row {@code sql} returns; fails when it returns none. */
    String query(String sql) throws SQLException {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    /** A turn of 10,000 input and 3,000 output tokens, 1.5 s, project p1, agent planner, on openai. */
    static TurnEvent turn(String tenant, String eventId, Instant at, String session, String model) {
        return new TurnEvent(1, tenant, eventId, at, session, model, "openai", "p1", "planner", null, null, null,
                null, null, 1500L, "ok", null, new Usage(10_000L, 3_000L, null, null, null, null, null), null,
                null, null, null, null, null, null, null);
    }

    /** {@code turn} priced with the shipped price book, on time. */
    static PricedTurn priced(TurnEvent turn) {
        return new PricedTurn(turn, CostEngine.price(turn, PRICES), false);
    }
}
