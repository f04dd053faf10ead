package io.agentmeter.query.oracle;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Waits for the pipeline, bounded: until enough turns are stored (before the kill), and at the end until the turns
 * table holds the workload's distinct turns and it and the rollups stop changing. Rollups that settle on another
 * figure than the turns are recorded as a discrepancy (not a time-out), so the endpoint checks still run.
 */
final class Settling {

    private static final String ROLLUP_SUMS = "SELECT (SELECT coalesce(sum(turns), 0) FROM session_rollups)"
            + " || '/' || (SELECT coalesce(sum(turns), 0) FROM model_rollups WHERE window_size = '1d')"
            + " || '/' || (SELECT coalesce(sum(turns), 0) FROM agent_rollups WHERE window_size = '1h')"
            + " || '/' || (SELECT coalesce(sum(turns), 0) FROM model_rollups WHERE window_size = '1m')";
    private static final Duration QUIET = Duration.ofSeconds(5);

    private final Recompute sql;

    Settling(Recompute sql) {
        this.sql = sql;
    }

    long stored() throws SQLException {
        return sql.count("SELECT count(*) FROM turns");
    }

    String rollupSums() throws SQLException {
        return sql.text(ROLLUP_SUMS);
    }

    void awaitStored(long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stored() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the aggregator stored " + stored() + " turns in " + timeout + ", expected at"
                        + " least " + atLeast + " (see target/oracle-aggregator-1.log)");
            }
            Thread.sleep(250);
        }
    }

    /**
     * Until {@code turns} holds {@code distinct} rows and the turn count and rollup sums have not changed for
     * {@link #QUIET} (with another count: twice that, after half the timeout); fails when they are still changing at
     * the deadline.
     */
    void awaitSettled(long distinct, Duration timeout, Discrepancies d) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String last = null;
        long since = System.nanoTime();
        while (true) {
            long turns = stored();
            String now = turns + " turns; rollup turns session/model 1d/agent 1h/model 1m " + rollupSums();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            } else if (turns == distinct ? System.nanoTime() - since > QUIET.toNanos()
                    : System.nanoTime() - since > 2 * QUIET.toNanos() && System.nanoTime() - start > timeout.toNanos() / 2) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pipeline did not settle within " + timeout + ": " + now + ", expected "
                        + distinct + " turns (logs: target/oracle-aggregator-*.log)");
            }
            Thread.sleep(500);
        }
        ExactnessOracleIT.log("settled after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms: "
                + last);
        long turns = stored();
        d.equal("settled: turns stored", "rows in turns", distinct, turns);
        // Time keeps working: every month that holds a turn has its own partition (the default one stays empty).
        d.equal("settled: no turn in the default partition", "rows in turns_default", 0L,
                sql.count("SELECT count(*) FROM turns_default"));
        // The rule of docs/architecture.md: every turn counts in its session rollup; a windowed rollup counts every
        // turn that was not late for its size (the query API adds the late ones from the turns table), so the 1m
        // rollups hold exactly the turns not flagged late, and larger windows between those and all turns.
        String[] sums = rollupSums().split("/");
        long onTime = sql.count("SELECT count(*) FROM turns WHERE NOT late");
        d.equal("settled: rollups equal turns", "sum(turns) of session_rollups", turns, Long.parseLong(sums[0]));
        d.equal("settled: rollups equal turns", "sum(turns) of model_rollups 1m = turns not late", onTime,
                Long.parseLong(sums[3]));
        String[] larger = {"model_rollups 1d", "agent_rollups 1h"};
        for (int i = 0; i < larger.length; i++) {
            long sum = Long.parseLong(sums[i + 1]);
            d.equal("settled: rollups equal turns", "sum(turns) of " + larger[i] + " within [" + onTime + ", " + turns
                    + "], was " + sum, true, sum >= onTime && sum <= turns);
        }
    }
}
