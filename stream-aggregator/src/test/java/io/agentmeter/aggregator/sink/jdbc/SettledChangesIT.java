package io.agentmeter.aggregator.sink.jdbc;

import static io.agentmeter.aggregator.sink.jdbc.SinkDatabase.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.aggregator.sink.SinkBatch;
import io.agentmeter.schema.db.SettledWindow;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.RollupKeys;
import io.agentmeter.schema.rollup.WindowSize;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    void shouldWriteNothingForLiveTurnsAndTheirRollups() throws Exception {
        Instant now = Instant.now();
        DATABASE.storage().write(batch("live", List.of(now.minusSeconds(30), now.minus(Duration.ofHours(20))), true));

        assertThat(query("SELECT count(*) FROM turns WHERE tenant_id = 'live'")).as("written").isEqualTo("2");
        assertThat(query("SELECT count(*) FROM settled_changes WHERE tenant_id = 'live'")).as("rows of live")
                .isEqualTo("0");
    }

    @Test
    void shouldBumpTheGenerationOnceABatchForEveryTenantWritingIntoSettledWindows() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(5));
        DATABASE.storage().write(batch("backfill-a", List.of(old, old.plusSeconds(60), Instant.now()), true));
        assertThat(generation("backfill-a")).as("after one batch of three turns").isEqualTo("1");

        SinkBatch two = new SinkBatch();
        addAll(two, "backfill-a", List.of(old.plusSeconds(120)), true);
        addAll(two, "backfill-b", List.of(old.plusSeconds(180)), false);
        addAll(two, "live-c", List.of(Instant.now()), true);
        decoded(two);
        DATABASE.storage().write(two);

        assertThat(generation("backfill-a")).as("after the second batch").isEqualTo("2");
        assertThat(generation("backfill-b")).as("a tenant of turns only").isEqualTo("1");
        assertThat(query("SELECT count(*) FROM settled_changes WHERE tenant_id = 'live-c'")).as("a live tenant")
                .isEqualTo("0");
    }

    @Test
    void shouldBumpTheGenerationForARollupOfASettledWindowWithoutTurns() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(4));
        SinkBatch batch = new SinkBatch();
        PricedTurn turn = priced("rollup-only", "r-1", old);
        Instant start = WindowSize.ONE_DAY.windowStart(old);
        batch.addRollup(Topics.AGENT_ROLLUPS.name(), RollupKeys.windowed(RollupKeys.agent("rollup-only", "planner"),
                WindowSize.ONE_DAY, start), Topics.AGENT_ROLLUPS.valueSerde().serializer().serialize(
                Topics.AGENT_ROLLUPS.name(), AgentRollup.EMPTY.plus(turn).inWindow(WindowSize.ONE_DAY, start)));
        decoded(batch);
        DATABASE.storage().write(batch);

        assertThat(query("SELECT count(*) FROM agent_rollups WHERE tenant_id = 'rollup-only'")).isEqualTo("1");
        assertThat(generation("rollup-only")).isEqualTo("1");
    }

    @Test
    void shouldBumpTheGenerationWithinTheClockMarginOfSettled() throws Exception {
        Instant justBeforeSettled = SettledWindow.settledBefore(Instant.now()).plus(SettledWindow.CLOCK_MARGIN)
                .minus(Duration.ofMinutes(5));
        Instant wellOutside = justBeforeSettled.plus(SettledWindow.CLOCK_MARGIN).plus(Duration.ofMinutes(10));
        DATABASE.storage().write(batch("margin-in", List.of(justBeforeSettled), false));
        DATABASE.storage().write(batch("margin-out", List.of(wellOutside), false));

        assertThat(generation("margin-in")).as("a turn a clock margin short of settled").isEqualTo("1");
        assertThat(query("SELECT count(*) FROM settled_changes WHERE tenant_id = 'margin-out'")).isEqualTo("0");
    }

    /** The turns, and (with {@code rollups}) the minute, hour and day model rollups they make, as one batch. */
    private static SinkBatch batch(String tenant, List<Instant> at, boolean rollups) {
        SinkBatch batch = new SinkBatch();
        addAll(batch, tenant, at, rollups);
        return decoded(batch);
    }

    private static void addAll(SinkBatch batch, String tenant, List<Instant> at, boolean rollups) {
        List<PricedTurn> turns = new ArrayList<>();
        for (Instant t : at) {
            PricedTurn turn = priced(tenant, tenant + "-" + t.toEpochMilli(), t);
            turns.add(turn);
            batch.addTurn(turn);
        }
        if (!rollups) {
            return;
        }
        for (PricedTurn turn : turns) {
            for (WindowSize size : WindowSize.values()) {
                Instant start = size.windowStart(turn.turn().occurredAt());
                ModelRollup rollup = ModelRollup.EMPTY.plus(turn).inWindow(size, start);
                batch.addRollup(Topics.MODEL_ROLLUPS.name(), RollupKeys.windowed(RollupKeys.model(tenant, "p1",
                        "openai", "gpt-5"), size, start), Topics.MODEL_ROLLUPS.valueSerde().serializer().serialize(
                        Topics.MODEL_ROLLUPS.name(), rollup));
            }
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
