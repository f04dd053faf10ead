package io.agentmeter.query.oracle;

import io.agentmeter.localstack.FreePorts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's oracle: "exact at any age and in any order". A seeded workload (history over 0–400 days, random order,
 * identical and conflicting copies, an import run twice, back-to-back recordings whose turns arrive before the start
 * and after the stop) goes through the real aggregator, run as its own JVM and killed with SIGKILL mid-way, into a
 * real PostgreSQL; then every answer of the query API, running in-process on that database, must equal a plain SQL
 * recomputation over the stored first copies, exactly.
 *
 * <p>Runs with the other integration tests; alone: {@code ./mvnw -B -pl query-api -am verify -Dtest=none
 * -Dit.test=ExactnessOracleIT -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 * The seed is {@code -Dagentmeter.oracle.seed}; a run prints it with the reference instant ({@code now}, the wall
 * clock: the validator refuses turns more than 10 minutes ahead of it, so the workload cannot be moved past 2027-12
 * here; partitions ahead are the business of a test with the aggregator's clock set).
 */
@QuarkusTest
@TestProfile(OracleProfile.class)
@Tag("oracle")
class ExactnessOracleIT {

    private static final long SEED = Long.getLong("agentmeter.oracle.seed", 15_2026L);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

    @Test
    void shouldAnswerEveryEndpointAsTheRecomputationOverTheFirstCopies() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        OracleWorkload workload = new OracleWorkload(SEED, now, 110, 70);
        log("workload " + workload.describe());
        RecordingScript rec = workload.recordings;
        int third = workload.sendOrder.size() * 45 / 100;
        int twoThirds = workload.sendOrder.size() * 75 / 100;
        Path state = Files.createTempDirectory("agentmeter-oracle-state-");
        Map<String, String> env = environment(state);
        Map<String, String> writerEnv = new LinkedHashMap<>(env);
        writerEnv.put("AGENTMETER_HTTP_PORT", String.valueOf(FreePorts.pick()));
        ServiceJvm aggregator = ServiceJvm.aggregator(env, "oracle-aggregator-1");
        ServiceJvm writer = ServiceJvm.writer(writerEnv, "oracle-writer-1");
        Settling settling = new Settling(new Recompute(OracleStack.dataSource()));
        try (Producers send = new Producers(OracleStack.stack().kafka().clientConfig(), OracleStack.dataSource())) {
            // 1. Part of the history, the user's turns before A and A's first turns before A's start is known.
            send.turns(workload.sendOrder.subList(0, third));
            send.turns(rec.outsideBefore);
            send.turns(rec.aBeforeStart);
            send.started(rec.aStarted);
            send.turns(rec.aWhileRunning);
            settling.awaitStored(workload.distinctTurns() / 10, Duration.ofSeconds(120));

            // 2. More history, then SIGKILL of the aggregator and the writer while they work through it.
            send.turns(workload.sendOrder.subList(third, twoThirds));
            Thread.sleep(1_500);
            long atKill = settling.stored();
            aggregator.killNine();
            writer.killNine();
            log("kill -9 of the aggregator and the writer with " + atKill + " of " + workload.distinctTurns()
                    + " turns stored");

            // 3. While it is down: B starts (stopping A at T1) and stops; B's turns.
            send.stopped(rec.aStopped);
            send.started(rec.bStarted);
            send.turns(rec.bTurns);
            send.stopped(rec.bStopped);

            // 4. A new aggregator over the same state and a new writer; the rest, A's late turns, then the same
            //    import again.
            aggregator = ServiceJvm.aggregator(env, "oracle-aggregator-2");
            writer = ServiceJvm.writer(writerEnv, "oracle-writer-2");
            send.turns(workload.sendOrder.subList(twoThirds, workload.sendOrder.size()));
            send.turns(rec.aAfterB);
            send.turns(rec.outsideAfter);
            send.turns(workload.reimport);
            log("all sent: " + (workload.sendOrder.size() + rec.allTurns().size() + workload.reimport.size())
                    + " records");

            Discrepancies d = new Discrepancies();
            settling.awaitSettled(workload.distinctTurns(), SETTLE_TIMEOUT, d);
            check(workload, d);
            new RollupTopicChecks(OracleStack.stack().kafka().clientConfig(), new Recompute(OracleStack.dataSource()),
                    d).check();
            Path report = Path.of(System.getProperty("oracle.log.dir", "target"), "oracle-discrepancies.txt");
            Files.writeString(report, d.full());
            if (!d.isEmpty()) {
                throw new AssertionError("the answers differ from the recomputation over the stored first copies"
                        + " (seed " + SEED + ", now " + now + "; every failure in " + report.toAbsolutePath() + "):"
                        + d.report());
            }
            log("every answer equals the recomputation" + d.report());
        } finally {
            aggregator.killNine();
            writer.killNine();
        }
    }

    private void check(OracleWorkload workload, Discrepancies d) throws Exception {
        Recompute sql = new Recompute(OracleStack.dataSource());
        FigureChecks figures = new FigureChecks(sql, d, workload.now);
        SessionChecks sessions = new SessionChecks(sql, d, figures);
        for (String tenant : List.of(OracleWorkload.ACME, OracleWorkload.GLOBEX)) {
            Timed timed = new Timed(tenant);
            timed.run("first copies", () -> sessions.firstCopies(tenant, workload));
            timed.run("summary", () -> figures.summaries(tenant));
            timed.run("series", () -> figures.series(tenant));
            timed.run("breakdown", () -> figures.breakdowns(tenant));
            timed.run("heatmap", () -> figures.heatmaps(tenant));
            timed.run("burn rate", () -> figures.burnRate(tenant));
            timed.run("sessions", () -> sessions.sessionList(tenant));
            timed.run("session detail", () -> sessions.sessionDetails(tenant));
            timed.run("recordings", () -> sessions.recordings(tenant,
                    tenant.equals(workload.recordings.tenant) ? workload.recordings : null));
            timed.run("export", () -> sessions.export(tenant));
            log(timed.toString());
        }
    }

    /** Runs the checks of one tenant and keeps how long each took (the oracle has a run-time budget). */
    private static final class Timed {
        private final StringBuilder line;

        Timed(String tenant) {
            line = new StringBuilder(tenant + " checked:");
        }

        interface Check {
            void run() throws Exception;
        }

        void run(String name, Check check) throws Exception {
            long start = System.nanoTime();
            check.run();
            line.append(' ').append(name).append(' ').append((System.nanoTime() - start) / 1_000_000).append(" ms;");
        }

        @Override
        public String toString() {
            return line.toString();
        }
    }

    private static Map<String, String> environment(Path state) throws java.io.IOException {
        var stack = OracleStack.stack();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AGENTMETER_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("AGENTMETER_DB_URL", stack.postgres().jdbcUrl(OracleStack.DATABASE));
        env.put("AGENTMETER_DB_USER", stack.postgres().username());
        env.put("AGENTMETER_DB_PASSWORD", stack.postgres().password());
        env.put("AGENTMETER_APPLICATION_ID", "agentmeter-oracle");
        env.put("AGENTMETER_STATE_DIR", state.toString());
        env.put("AGENTMETER_TOPIC_PARTITIONS", String.valueOf(OracleStack.PARTITIONS));
        // Static membership: the restarted JVM takes its partitions back at once, no session timeout to wait out.
        env.put("AGENTMETER_INSTANCE_ID", "oracle-1");
        env.put("AGENTMETER_HTTP_PORT", String.valueOf(FreePorts.pick()));
        // The writer's settings (the aggregator ignores them; the writer's sink group is its default).
        env.put("AGENTMETER_SINK_MAX_WAIT", "100ms");
        env.put("AGENTMETER_SINK_MAX_BACKOFF", "1s");
        return env;
    }

    static void log(String line) {
        System.out.println("[oracle] " + Instant.now() + " " + line);
    }
}
