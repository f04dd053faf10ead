package io.agentmeter.aggregator.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.pricing.CostBreakdown;
import io.agentmeter.pricing.CostStatus;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.kafka.JsonSerde;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.Rollup;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.ToolRollup;
import io.agentmeter.schema.rollup.WindowSize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RollupStoreSerdesTest {

    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    static PricedTurn turn(int i, Long duration, Long output) {
        TurnEvent event = new TurnEvent(1, "acme", "e" + i, T.plusSeconds(i), "s1", i % 2 == 0 ? "m-a" : "m-b",
                "prov", "p", "agent", null, null, null, null, null, duration, i % 5 == 0 ? "error" : "ok", null,
                new Usage(100L + i, output, null, null, null, null, null), null, null,
                List.of(new ToolUse("search", 1, 10L, null, null)), null, null, null, null, null);
        TurnCost cost = output == null
                ? new TurnCost(CostStatus.INCOMPLETE, null, null, new CostBreakdown(new BigDecimal("0.001"), null,
                        null, null, null, null), "m", null, "v1", null, Set.of())
                : new TurnCost(CostStatus.PRICED, new BigDecimal("0.0123456789"), new BigDecimal("0.0123456789"),
                        new CostBreakdown(new BigDecimal("0.01"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                                new BigDecimal("0.0023456789"), BigDecimal.ZERO), "m", null, "v1", null, Set.of());
        return new PricedTurn(event, cost, false);
    }

    @Test
    void shouldRoundTripASessionRollupExactly() {
        SessionRollup rollup = SessionRollup.EMPTY;
        for (int i = 0; i < 40; i++) {
            rollup = rollup.plus(turn(i, i % 3 == 0 ? null : 100L * i, i % 7 == 0 ? null : 50L));
        }
        byte[] bytes = RollupStoreSerdes.SESSION.serializer().serialize("t", rollup);
        SessionRollup back = RollupStoreSerdes.SESSION.deserializer().deserialize("t", bytes);

        JsonSerde<SessionRollup> json = JsonSerde.of(SessionRollup.class);
        assertThat(json.toBytes(back)).isEqualTo(json.toBytes(rollup));
        assertThat(back.totals().turns()).isEqualTo(40);
        assertThat(back.totals().latencyP50Ms()).isEqualTo(rollup.totals().latencyP50Ms());
    }

    @Test
    void shouldRoundTripWindowedRollups() {
        ModelRollup model = ModelRollup.EMPTY.plus(turn(1, 10L, 5L)).inWindow(WindowSize.ONE_HOUR, T);
        ModelRollup modelBack = RollupStoreSerdes.MODEL.deserializer()
                .deserialize("t", RollupStoreSerdes.MODEL.serializer().serialize("t", model));
        assertThat(JsonSerde.of(ModelRollup.class).toBytes(modelBack))
                .isEqualTo(JsonSerde.of(ModelRollup.class).toBytes(model));

        ToolRollup tool = ToolRollup.EMPTY.plus(turn(2, null, null), new ToolUse("bash", 3, null, 4L, null))
                .inWindow(WindowSize.ONE_MINUTE, T);
        ToolRollup toolBack = RollupStoreSerdes.TOOL.deserializer()
                .deserialize("t", RollupStoreSerdes.TOOL.serializer().serialize("t", tool));
        assertThat(toolBack).usingRecursiveComparison().ignoringFields("totals.latencySketch").isEqualTo(tool);
    }

    @Test
    void shouldKeepMissingFiguresMissingThroughJson() {
        Rollup rollup = Rollup.EMPTY.plus(turn(3, null, null));
        Rollup back = JsonSerde.of(Rollup.class).fromBytes("test", JsonSerde.of(Rollup.class).toBytes(rollup));
        assertThat(back.outputTokens().sum()).isNull();
        assertThat(back.outputTokens().turns()).isZero();
        assertThat(back.durationMsSum()).isNull();
        assertThat(back.latencyP99Ms()).isNull();
        assertThat(back.costUsd()).isNull();
        assertThat(back.incompleteCostTurns()).isEqualTo(1);
    }
}
