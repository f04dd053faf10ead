package io.agentmeter.aggregator.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.SessionRollup;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SinkBatchTest {

    private static final PriceBook PRICES = PriceBook.loadShipped();

    @Test
    void shouldMoveTheTurnsOutAndKeepTheRollupsForLater() {
        PricedTurn turn = priced("e-1", "s-1");
        SessionRollup rollup = SessionRollup.EMPTY.plus(turn);
        SinkBatch batch = new SinkBatch();
        batch.addTurn(turn);
        batch.addRollup(Topics.SESSION_ROLLUPS.name(), "acme:s-1", bytes(rollup));

        SinkBatch turns = batch.takeTurns();
        turns.decode(SinkBatchTest::fail);
        batch.decode(SinkBatchTest::fail);

        assertThat(turns.turns()).containsExactly(turn);
        assertThat(turns.rollups()).isZero();
        assertThat(batch.turns()).isEmpty();
        assertThat(batch.sessions()).extracting(SessionRollup::version).containsExactly(rollup.version());
        assertThat(batch.records()).isEqualTo(1);
    }

    @Test
    void shouldCountRollupKeysNotRecords() {
        SessionRollup one = SessionRollup.EMPTY.plus(priced("e-1", "s-1"));
        SinkBatch batch = new SinkBatch();
        batch.addRollup(Topics.SESSION_ROLLUPS.name(), "acme:s-1", bytes(one));
        batch.addRollup(Topics.SESSION_ROLLUPS.name(), "acme:s-1", bytes(one.plus(priced("e-2", "s-1"))));
        batch.addRollup(Topics.MODEL_ROLLUPS.name(), "acme:m", null);

        assertThat(batch.rollupKeys()).isEqualTo(2);
        assertThat(batch.records()).isEqualTo(3);
    }

    @Test
    void shouldRefuseToSplitDecodedRollups() {
        SinkBatch batch = new SinkBatch();
        batch.decode(SinkBatchTest::fail);

        assertThatThrownBy(batch::takeTurns).isInstanceOf(IllegalStateException.class);
    }

    private static void fail(String where, RuntimeException e) {
        throw e;
    }

    private static PricedTurn priced(String eventId, String session) {
        TurnEvent turn = new TurnEvent(1, "acme", eventId, Instant.parse("2026-03-04T10:15:30Z"), session, "gpt-5",
                "openai", "p1", "planner", null, null, null, null, null, 1500L, "ok", null, null, null, null, null,
                null, null, null, null, null);
        return new PricedTurn(turn, CostEngine.price(turn, PRICES), false);
    }

    private static byte[] bytes(SessionRollup rollup) {
        return Topics.SESSION_ROLLUPS.valueSerde().serializer().serialize(Topics.SESSION_ROLLUPS.name(), rollup);
    }
}
