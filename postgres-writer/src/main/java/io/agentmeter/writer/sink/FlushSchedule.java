package io.agentmeter.writer.sink;

import java.time.Duration;

/**
 * When the sink writes what it has read: once {@code batchSize} turns are pending or the oldest record has waited
 * {@code maxWait}, so turns reach PostgreSQL fresh and a backfill still goes in large batches.
 *
 * <p>Times are passed in (epoch millis) so the schedule is tested without a clock.
 */
final class FlushSchedule {

    private static final long NONE = -1;

    private final int batchSize;
    private final long maxWait;
    private long since = NONE;

    FlushSchedule(int batchSize, Duration maxWait) {
        this.batchSize = batchSize;
        this.maxWait = maxWait.toMillis();
    }

    /** A record was read (a turn, a tombstone or unreadable: its offset waits either way). */
    void read(long now) {
        if (since == NONE) {
            since = now;
        }
    }

    boolean due(int pendingTurns, long now) {
        return since != NONE && (now - since >= maxWait || pendingTurns >= batchSize);
    }

    /** How long the next poll may wait before a write is due; {@code idle} when nothing is pending. */
    long millisUntilDue(long now, long idle) {
        return since == NONE ? idle : Math.max(0, since + maxWait - now);
    }

    /** Everything was written, or dropped to be re-read. */
    void reset() {
        since = NONE;
    }
}
