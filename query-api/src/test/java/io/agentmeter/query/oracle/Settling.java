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
        // The rule of docs/architecture.md: every stored turn counts, once, in its session rollup and in each of its
        // windows of every size, whatever its age or lateness (the sink adds it in the transaction that stores it).
        String[] sums = rollupSums().split("/");
        String[] tables = {"session_rollups", "model_rollups 1d", "agent_rollups 1h", "model_rollups 1m"};
        for (int i = 0; i < tables.length; i++) {
            d.equal("settled: rollups equal turns", "sum(turns) of " + tables[i], turns, Long.parseLong(sums[i]));
        }
        for (String size : new String[] {"minute:1m", "hour:1h", "day:1d"}) {
            String window = "date_trunc('" + size.split(":")[0] + "', occurred_at, 'UTC')";
            String label = size.split(":")[1];
            d.equal("settled: rollups equal turns", "model_rollups " + label + " rows unlike the recomputation", 0L,
                    sql.count(differences("SELECT tenant_id, " + window + ", coalesce(project, ''),"
                            + " coalesce(provider, ''), model, " + FIGURES + " FROM turns GROUP BY 1, 2, 3, 4, 5",
                            "SELECT tenant_id, window_start, project, provider, model, " + STORED
                                    + " FROM model_rollups WHERE window_size = '" + label + "'")));
        }
        d.equal("settled: rollups equal turns", "session_rollups rows unlike the recomputation", 0L,
                sql.count(differences("SELECT tenant_id, session_id, " + FIGURES + " FROM turns GROUP BY 1, 2",
                        "SELECT tenant_id, session_id, " + STORED + " FROM session_rollups")));
    }

    /** The figures of a group of turns, in the order of {@link #STORED}. */
    private static final String FIGURES = "count(*), sum(input_tokens), count(input_tokens), sum(output_tokens),"
            + " count(output_tokens), sum(cost_usd), count(cost_usd), count(*) FILTER (WHERE cost_status = 'unpriced'),"
            + " sum(duration_ms), count(duration_ms), min(occurred_at), max(occurred_at)";
    private static final String STORED = "turns, input_tokens, input_tokens_turns, output_tokens, output_tokens_turns,"
            + " cost_usd, cost_turns, unpriced_turns, duration_ms_sum, duration_turns, first_seen, last_seen";

    /** A count of the rows one query returns and the other does not, both ways. */
    private static String differences(String expected, String actual) {
        return "SELECT count(*) FROM ((" + expected + " EXCEPT ALL " + actual + ") UNION ALL (" + actual
                + " EXCEPT ALL " + expected + ")) d";
    }
}
