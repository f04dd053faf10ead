package io.agentmeter.aggregator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.event.TurnEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The same promise under failure: while generated turns stream in, the aggregator process is killed with SIGKILL
 * and started again, and later PostgreSQL is stopped and started again. Afterwards the turns table and every rollup
 * still equal an independent recomputation: nothing lost, nothing counted twice.
 */
class AggregatorCrashRecoveryIT {

    static final int TURNS = Integer.getInteger("agentmeter.it.crash.turns", 40_000);
    static final int RATE = Integer.getInteger("agentmeter.it.crash.rate", 1_500);

    @Test
    void shouldCountEveryTurnOnceThroughAKillNineAndADatabaseOutage() throws Exception {
        List<TurnEvent> turns = TurnGenerator.turns(7, TURNS, EndToEndHarness.workloadStart(TURNS), 20, 600);
        List<TurnEvent> order = TurnGenerator.sendOrder(7, turns, 0.10, 0.05, 1500);
        Recomputation expected = new Recomputation(turns);
        try (EndToEndHarness harness = new EndToEndHarness()) {
            harness.publishPrices();
            int port = AggregatorProcess.freePort();
            var env = harness.environment("crash-1", port);
            AggregatorProcess aggregator = AggregatorProcess.start(env, port, "aggregator-crash-1");
            try {
                harness.sendInBackground(order, RATE);

                // 1. SIGKILL mid-stream, then a new process over the same state directory.
                EndToEndHarness.await(() -> harness.storedTurns() >= TURNS / 4, Duration.ofMinutes(2),
                        () -> "turns stored: " + harness.storedTurns());
                aggregator.killNine();
                long atKill = harness.storedTurns();
                aggregator = AggregatorProcess.start(env, port, "aggregator-crash-2");

                // 2. PostgreSQL down mid-stream: the sink retries, readiness says so, nothing is lost.
                EndToEndHarness.await(() -> harness.storedTurns() >= Math.max(atKill + TURNS / 10, TURNS / 2),
                        Duration.ofMinutes(2), () -> "turns stored: " + harness.storedTurns());
                harness.stack.postgres().stop();
                AggregatorProcess running = aggregator;
                AtomicBoolean sawNotReady = new AtomicBoolean();
                EndToEndHarness.await(() -> {
                    sawNotReady.set(running.status("/health/ready") == 503);
                    return sawNotReady.get();
                }, Duration.ofSeconds(30), () -> "readiness stayed up while PostgreSQL was down");
                EndToEndHarness.sleep(3_000);
                assertThat(aggregator.isAlive()).isTrue();
                harness.stack.postgres().restart();

                harness.awaitComplete(expected, TURNS, Duration.ofMinutes(3));
                harness.verify(expected);
                EndToEndHarness.await(() -> running.status("/health/ready") == 200, Duration.ofSeconds(30),
                        () -> "not ready after the database came back");
                assertThat(aggregator.get("/metrics")).contains("agentmeter_turns_duplicate_total");
            } finally {
                aggregator.killNine();
            }
        }
    }
}
