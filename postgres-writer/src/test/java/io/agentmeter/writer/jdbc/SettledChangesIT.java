package io.agentmeter.writer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.writer.sink.SinkBatch;
import io.agentmeter.schema.db.SettledWindow;
import io.agentmeter.schema.priced.PricedTurn;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink marks its writes into settled windows in {@code settled_changes} (what the query API's caches check) and
 * writes nothing there for live traffic. Against a real PostgreSQL, through {@link JdbcStorage#write}, on the wall
 * clock (the sink judges by its own clock); each test uses tenants of its own.
 */
class SettledChangesIT {

    @RegisterExtension
    static final SinkDatabase DATABASE = new SinkDatabase();

    @Test
    void shouldBumpNothingForACopyOfAnOldTurn() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(6));
        DATABASE.storage().write(batch("copies", List.of(old)));
        DATABASE.storage().write(batch("copies", List.of(old)));

        assertThat(generation("copies")).as("the copy changed no window").isEqualTo("1");
    }

    @Test
    void shouldWriteNothingForLiveTurnsAndTheirRollups() throws Exception {
        Instant now = Instant.now();
        DATABASE.storage().write(batch("live", List.of(now.minusSeconds(30), now.minus(Duration.ofHours(20)))));

        assertThat(query("SELECT count(*) FROM turns WHERE tenant_id = 'live'")).as("written").isEqualTo("2");
        assertThat(query("SELECT count(*) FROM settled_changes WHERE tenant_id = 'live'")).as("rows of live")
                .isEqualTo("0");
    }

    @Test
    void shouldBumpTheGenerationOnceABatchForEveryTenantWritingIntoSettledWindows() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(5));
        DATABASE.storage().write(batch("backfill-a", List.of(old, old.plusSeconds(60), Instant.now())));
        assertThat(generation("backfill-a")).as("after one batch of three turns").isEqualTo("1");

        SinkBatch two = new SinkBatch();
        addAll(two, "backfill-a", List.of(old.plusSeconds(120)));
        addAll(two, "backfill-b", List.of(old.plusSeconds(180)));
        addAll(two, "live-c", List.of(Instant.now()));
        DATABASE.storage().write(two);

        assertThat(generation("backfill-a")).as("after the second batch").isEqualTo("2");
        assertThat(generation("backfill-b")).as("a tenant new to the table").isEqualTo("1");
        assertThat(query("SELECT count(*) FROM settled_changes WHERE tenant_id = 'live-c'")).as("a live tenant")
                .isEqualTo("0");
    }

    @Test
    void shouldBumpTheGenerationWithinTheClockMarginOfSettled() throws Exception {
        Instant justBeforeSettled = SettledWindow.settledBefore(Instant.now()).plus(SettledWindow.CLOCK_MARGIN)
                .minus(Duration.ofMinutes(5));
        Instant wellOutside = justBeforeSettled.plus(SettledWindow.CLOCK_MARGIN).plus(Duration.ofMinutes(10));
        DATABASE.storage().write(batch("margin-in", List.of(justBeforeSettled)));
        DATABASE.storage().write(batch("margin-out", List.of(wellOutside)));

        assertThat(generation("margin-in")).as("a turn a clock margin short of settled").isEqualTo("1");
        assertThat(query("SELECT count(*) FROM settled_changes WHERE tenant_id = 'margin-out'")).isEqualTo("0");
    }

    /** The turns as one batch (the sink adds them to their rollups in the same transaction). */
    private static SinkBatch batch(String tenant, List<Instant> at) {
        SinkBatch batch = new SinkBatch();
        addAll(batch, tenant, at);
        return batch;
    }

    private static void addAll(SinkBatch batch, String tenant, List<Instant> at) {
        for (Instant t : at) {
            batch.addTurn(priced(tenant, tenant + "-" + t.toEpochMilli(), t));
        }
    }

    private static PricedTurn priced(String tenant, String eventId, Instant at) {
        return SinkDatabase.priced(SinkDatabase.turn(tenant, eventId, at, "s-" + tenant, "gpt-5"));
    }

    private static String generation(String tenant) throws SQLException {
        return query("SELECT generation FROM settled_changes WHERE tenant_id = '" + tenant + "'");
    }

    private static String query(String sql) throws SQLException {
        return DATABASE.query(sql);
    }
}
