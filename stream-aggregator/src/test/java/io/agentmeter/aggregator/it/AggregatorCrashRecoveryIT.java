package io.agentmeter.aggregator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.localstack.FreePorts;
import io.agentmeter.schema.event.TurnEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The same promise under failure: while generated turns stream in, the aggregator process is killed with SIGKILL
 * and started again, then the writer process, and later PostgreSQL is stopped and started again. Afterwards the
 * turns table and every rollup still equal an independent recomputation: nothing lost, nothing counted twice.
 */
class AggregatorCrashRecoveryIT {

    static final int TURNS = Integer.getInteger("agentmeter.it.crash.turns", 40_000);
    static final int RATE = Integer.getInteger("agentmeter.it.crash.rate", 1_500);

    @Test
    void shouldCountEveryTurnOnceThroughKillNinesAndADatabaseOutage() throws Exception {
        List<TurnEvent> turns = TurnGenerator.turns(7, TURNS, EndToEndHarness.workloadStart(TURNS), 20, 600);
        List<TurnEvent> order = TurnGenerator.sendOrder(7, turns, 0.10, 0.05, 1500);
        Recomputation expected = new Recomputation(turns);
        try (EndToEndHarness harness = new EndToEndHarness()) {
            harness.publishPrices();
            int port = FreePorts.pick();
            int writerPort = FreePorts.pick();
            var env = harness.environment("crash-1", port);
            var writerEnv = harness.writerEnvironment("crash-1", writerPort);
            ServiceJvm aggregator = ServiceJvm.aggregator(env, port, "aggregator-crash-1");
            ServiceJvm writer = ServiceJvm.writer(writerEnv, writerPort, "writer-crash-1");
            try {
                harness.sendInBackground(order, RATE);

                // 1. SIGKILL of the aggregator mid-stream, then a new process over the same state directory.
                EndToEndHarness.await(() -> harness.storedTurns() >= TURNS / 5, Duration.ofMinutes(2),
                        () -> "turns stored: " + harness.storedTurns());
                aggregator.killNine();
                long atKill = harness.storedTurns();
                aggregator = ServiceJvm.aggregator(env, port, "aggregator-crash-2");

                // 2. SIGKILL of the writer mid-batch: its uncommitted batch is read and written again, a no-op.
                EndToEndHarness.await(() -> harness.storedTurns() >= Math.max(atKill + TURNS / 10, TURNS * 2 / 5),
                        Duration.ofMinutes(2), () -> "turns stored: " + harness.storedTurns());
                writer.killNine();
                long atWriterKill = harness.storedTurns();
                writer = ServiceJvm.writer(writerEnv, writerPort, "writer-crash-2");

                // 3. PostgreSQL down mid-stream: the writer retries, its readiness says so, nothing is lost; the
                //    aggregator, which no longer touches PostgreSQL, stays ready.
                EndToEndHarness.await(() -> harness.storedTurns() >= Math.max(atWriterKill + TURNS / 10,
                        TURNS * 3 / 5), Duration.ofMinutes(2), () -> "turns stored: " + harness.storedTurns());
                harness.stack.postgres().stop();
                ServiceJvm runningWriter = writer;
                ServiceJvm runningAggregator = aggregator;
                AtomicBoolean sawNotReady = new AtomicBoolean();
                EndToEndHarness.await(() -> {
                    sawNotReady.set(runningWriter.status("/health/ready") == 503);
                    return sawNotReady.get();
                }, Duration.ofSeconds(30), () -> "the writer's readiness stayed up while PostgreSQL was down");
                EndToEndHarness.sleep(3_000);
                assertThat(writer.isAlive()).isTrue();
                assertThat(aggregator.status("/health/ready")).as("aggregator ready without PostgreSQL")
                        .isEqualTo(200);
                harness.stack.postgres().restart();

                harness.awaitComplete(expected, TURNS, Duration.ofMinutes(3));
                harness.verify(expected);
                EndToEndHarness.await(() -> runningWriter.status("/health/ready") == 200, Duration.ofSeconds(30),
                        () -> "writer not ready after the database came back");
                assertThat(runningAggregator.get("/metrics")).contains("agentmeter_turns_duplicate_total");
            } finally {
                aggregator.killNine();
                writer.killNine();
            }
        }
    }
}
