package io.agentmeter.aggregator.it;

import io.agentmeter.schema.event.TurnEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same promise while tasks move between instances: two aggregators share the application id and the sink group.
 * While generated turns stream in, a second instance joins (a rebalance moves tasks to it; the first commits and
 * closes them cleanly), and later the first instance stops with SIGTERM: its tasks, those with the commit buffers
 * among them, commit and close, and the second takes them over. A task that leaves must hand over what its commit
 * buffers summed since its last commit in that closing commit. Afterwards the turns table and every rollup still
 * equal an independent recomputation.
 *
 * <p>Kafka Streams moves a stateful task at once only to an instance whose state lags by at most
 * acceptable.recovery.lag (10,000 changelog records); the joining instance starts empty, so the join moves the
 * windowed-rollup tasks and the tasks reading the turns (dedupe, commit buffers) stay until the first instance stops.
 * That one leaves the group only after the session timeout (static membership), which is most of the run time.
 */
class AggregatorScaleOutIT {

    static final int TURNS = Integer.getInteger("agentmeter.it.scale.turns", 40_000);
    static final int RATE = Integer.getInteger("agentmeter.it.scale.rate", 1_500);

    // Kafka Streams' thread-level counter of tasks closed (micrometer's KafkaStreamsMetrics, Prometheus name).
    private static final String TASKS_CLOSED = "kafka_stream_thread_task_closed_total";

    @Test
    void shouldCountEveryTurnOnceWhileTasksMoveBetweenInstances() throws Exception {
        List<TurnEvent> turns = TurnGenerator.turns(11, TURNS, EndToEndHarness.workloadStart(TURNS), 20, 600);
        List<TurnEvent> order = TurnGenerator.sendOrder(11, turns, 0.10, 0.05, 1500);
        Recomputation expected = new Recomputation(turns);
        try (EndToEndHarness harness = new EndToEndHarness()) {
            harness.publishPrices();
            int portA = AggregatorProcess.freePort();
            AggregatorProcess a = AggregatorProcess.start(harness.instanceEnvironment("scale-a", portA), portA,
                    "aggregator-scale-a");
            AggregatorProcess b = null;
            try {
                harness.sendInBackground(order, RATE);

                // 1. A second instance joins mid-stream: tasks move from A to B.
                EndToEndHarness.await(() -> harness.storedTurns() >= TURNS / 4, Duration.ofMinutes(2),
                        () -> "turns stored: " + harness.storedTurns());
                int portB = AggregatorProcess.freePort();
                AggregatorProcess joined = AggregatorProcess.start(harness.instanceEnvironment("scale-b", portB),
                        portB, "aggregator-scale-b");
                b = joined;
                // Without a task closed on A nothing moved, and the test would prove nothing.
                EndToEndHarness.await(() -> a.metric(TASKS_CLOSED) >= 1, Duration.ofMinutes(1),
                        () -> "no task moved from A to B");
                long atJoin = harness.storedTurns();

                // 2. A stops cleanly mid-stream, soon, so that its buffers hold turns when it closes: its remaining
                // tasks commit, close and move to B.
                EndToEndHarness.await(() -> harness.storedTurns() >= atJoin + TURNS / 20,
                        Duration.ofMinutes(2), () -> "turns stored: " + harness.storedTurns());
                a.stop();

                harness.awaitComplete(expected, TURNS, Duration.ofMinutes(3));
                harness.verify(expected);
            } finally {
                a.killNine();
                if (b != null) {
                    b.killNine();
                }
            }
        }
    }
}
