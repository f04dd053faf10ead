package io.agentmeter.aggregator.it;

import io.agentmeter.localstack.FreePorts;
import io.agentmeter.schema.event.TurnEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same promise while work moves between instances: two aggregators share the application id, two writers the
 * sink group. While generated turns stream in, a second aggregator and a second writer join: the writer's sinks take
 * half the partitions of {@code priced-turns} at once, so two writers add to the same rollup rows (the per-tenant lock
 * of {@code RollupLedger}); later the first aggregator and writer stop with SIGTERM, the stream tasks commit, close
 * and move to the second. Afterwards the turns table and every rollup still equal an independent recomputation.
 *
 * <p>Kafka Streams moves a stateful task at once only to an instance whose state lags by at most
 * acceptable.recovery.lag (10,000 changelog records); the joining instance starts empty, so the stream tasks (all
 * of them hold the dedupe store) stay until the first instance stops. That one leaves the group only after the
 * session timeout (static membership), which is most of the run time.
 */
class AggregatorScaleOutIT {

    static final int TURNS = Integer.getInteger("agentmeter.it.scale.turns", 40_000);
    static final int RATE = Integer.getInteger("agentmeter.it.scale.rate", 1_500);

    /** Turns a writer's sinks wrote (new or not). */
    private static final String SINK_TURNS = "agentmeter_sink_turns_total";

    @Test
    void shouldCountEveryTurnOnceWhileTasksMoveBetweenInstances() throws Exception {
        List<TurnEvent> turns = TurnGenerator.turns(11, TURNS, EndToEndHarness.workloadStart(TURNS), 20, 600);
        List<TurnEvent> order = TurnGenerator.sendOrder(11, turns, 0.10, 0.05, 1500);
        Recomputation expected = new Recomputation(turns);
        try (EndToEndHarness harness = new EndToEndHarness()) {
            harness.publishPrices();
            int portA = FreePorts.pick();
            ServiceJvm a = ServiceJvm.aggregator(harness.instanceEnvironment("scale-a", portA), portA,
                    "aggregator-scale-a");
            int writerPortA = FreePorts.pick();
            ServiceJvm writerA = ServiceJvm.writer(harness.writerEnvironment("scale-a", writerPortA), writerPortA,
                    "writer-scale-a");
            ServiceJvm b = null;
            ServiceJvm writerB = null;
            try {
                // The first part before the join, the rest once B is there: so B's sink has turns to write.
                int split = order.size() * 6 / 10;
                Thread before = harness.sendInBackground(order.subList(0, split), RATE);

                // 1. A second instance joins mid-stream: its writer takes partitions of priced-turns from A's.
                EndToEndHarness.await(() -> harness.storedTurns() >= TURNS / 4, Duration.ofMinutes(2),
                        () -> "turns stored: " + harness.storedTurns());
                int portB = FreePorts.pick();
                b = ServiceJvm.aggregator(harness.instanceEnvironment("scale-b", portB), portB, "aggregator-scale-b");
                int writerPortB = FreePorts.pick();
                ServiceJvm joined = ServiceJvm.writer(harness.writerEnvironment("scale-b", writerPortB), writerPortB,
                        "writer-scale-b");
                writerB = joined;
                before.join();
                harness.sendInBackground(order.subList(split, order.size()), RATE);
                // Without B's writer writing, only one writer added to the rollups, and the test would prove less.
                EndToEndHarness.await(() -> joined.metric(SINK_TURNS) >= 1, Duration.ofMinutes(2),
                        () -> "B's writer wrote no turn");
                long atJoin = harness.storedTurns();

                // 2. A stops cleanly mid-stream: its stream tasks commit, close and move to B; so does its writer.
                EndToEndHarness.await(() -> harness.storedTurns() >= Math.min(TURNS, atJoin + TURNS / 20),
                        Duration.ofMinutes(2), () -> "turns stored: " + harness.storedTurns());
                a.stop();
                writerA.stop();

                harness.awaitComplete(expected, TURNS, Duration.ofMinutes(3));
                harness.verify(expected);
            } finally {
                a.killNine();
                writerA.killNine();
                if (b != null) {
                    b.killNine();
                }
                if (writerB != null) {
                    writerB.killNine();
                }
            }
        }
    }
}
