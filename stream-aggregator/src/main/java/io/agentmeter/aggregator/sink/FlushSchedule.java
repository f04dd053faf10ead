package io.agentmeter.aggregator.sink;

import java.time.Duration;

/**
 * When the sink writes what it has read. Turns are written once {@code batchSize} of them are pending or the oldest
 * has waited {@code maxWait}, so they reach PostgreSQL fresh. Rollups may wait longer ({@code rollupMaxWait}): every
 * rollup record is the key's absolute value and the batch keeps only the newest per key, so the longer they wait the
 * more versions of a session collapse into one upsert, and a session upsert costs PostgreSQL about twice a turn
 * insert (it rewrites the row and every index of {@code session_rollups}). Rollups are written when their oldest
 * record has waited {@code rollupMaxWait} (never less than {@code maxWait}) or {@code batchSize} keys are pending,
 * always together with the pending turns.
 *
 * <p>Times are passed in (epoch millis) so the schedule is tested without a clock.
 */
final class FlushSchedule {

    enum Due { NOTHING, TURNS, EVERYTHING }

    private static final long NONE = -1;

    private final int batchSize;
    private final long turnWait;
    private final long rollupWait;
    private long turnsSince = NONE;
    private long rollupsSince = NONE;

    FlushSchedule(int batchSize, Duration maxWait, Duration rollupMaxWait) {
        this.batchSize = batchSize;
        this.turnWait = maxWait.toMillis();
        this.rollupWait = Math.max(turnWait, rollupMaxWait.toMillis());
    }

    /** A record of the turns topic was read (written, a tombstone or unreadable: its offset waits either way). */
    void turnRead(long now) {
        if (turnsSince == NONE) {
            turnsSince = now;
        }
    }

    void rollupRead(long now) {
        if (rollupsSince == NONE) {
            rollupsSince = now;
        }
    }

    Due due(int pendingTurns, int pendingRollupKeys, long now) {
        if (rollupsSince != NONE && (now - rollupsSince >= rollupWait || pendingRollupKeys >= batchSize)) {
            return Due.EVERYTHING;
        }
        if (turnsSince != NONE && (now - turnsSince >= turnWait || pendingTurns >= batchSize)) {
            return Due.TURNS;
        }
        return Due.NOTHING;
    }

    /** How long the next poll may wait before something is due; {@code idle} when nothing is pending. */
    long millisUntilDue(long now, long idle) {
        long until = Long.MAX_VALUE;
        if (turnsSince != NONE) {
            until = turnsSince + turnWait - now;
        }
        if (rollupsSince != NONE) {
            until = Math.min(until, rollupsSince + rollupWait - now);
        }
        return until == Long.MAX_VALUE ? idle : Math.max(0, until);
    }

    void turnsWritten() {
        turnsSince = NONE;
    }

    /** Everything was written, or dropped to be re-read. */
    void reset() {
        turnsSince = NONE;
        rollupsSince = NONE;
    }
}
