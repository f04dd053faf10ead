package io.agentmeter.aggregator.it;

import io.agentmeter.aggregator.Aggregator;
import io.agentmeter.aggregator.AggregatorConfig;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.writer.Writer;
import io.agentmeter.writer.WriterConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 100,000 generated turns, 10% sent twice and 5% out of order within grace, through a real broker, the aggregator
 * the writer and PostgreSQL: the turns table and every rollup table equal an independent recomputation.
 */
class AggregatorEndToEndIT {

    static final int TURNS = Integer.getInteger("agentmeter.it.turns", 100_000);

    @Test
    void shouldStoreEveryTurnOnceAndRollUpExactly() throws Exception {
        List<TurnEvent> turns = TurnGenerator.turns(42, TURNS, EndToEndHarness.workloadStart(TURNS), 20, 800);
        List<TurnEvent> order = TurnGenerator.sendOrder(42, turns, 0.10, 0.05, 1500);
        Recomputation expected = new Recomputation(turns);
        try (EndToEndHarness harness = new EndToEndHarness()) {
            harness.publishPrices();
            try (Aggregator aggregator = Aggregator.start(AggregatorConfig.from(harness.environment("e2e-1", 0)));
                 Writer writer = Writer.start(WriterConfig.from(harness.writerEnvironment("e2e-1", 0)))) {
                harness.send(order, 0);
                harness.awaitComplete(expected, TURNS, Duration.ofMinutes(3));
                harness.verify(expected);
            }
        }
    }
}
