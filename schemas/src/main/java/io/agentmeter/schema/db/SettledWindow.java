package io.agentmeter.schema.db;

import java.time.Duration;
import java.time.Instant;

/**
 * When a rollup window counts as settled: {@link #AFTER} after it ended, well past the aggregator's grace and the
 * sink's lag. The query API keeps settled windows in memory; the sink marks every write into one in
 * {@code settled_changes} (migration V10) so that those copies are read again. Both judge by this class, each on its
 * own clock, so the sink's side reaches {@link #CLOCK_MARGIN} further: a window the query host already takes as
 * settled is one the sink marks, as long as the two clocks are less than that apart.
 */
public final class SettledWindow {

    /** How long after its end a window counts as settled. */
    public static final Duration AFTER = Duration.ofDays(2);
    /** How far ahead of the sink's clock a query host's may run and still see every write into its settled windows. */
    public static final Duration CLOCK_MARGIN = Duration.ofHours(1);

    private SettledWindow() {
    }

    /** Windows ending before this instant are settled at {@code now} (the reader's side). */
    public static Instant settledBefore(Instant now) {
        return now.minus(AFTER);
    }

    /** Whether the window ending at {@code end} is settled at {@code now} (the reader's side). */
    public static boolean isSettled(Instant end, Instant now) {
        return end.isBefore(settledBefore(now));
    }

    /**
     * Whether a write at {@code now} of a turn that occurred at {@code at}, or of a rollup row of a window ending at
     * {@code at}, may change a window some reader takes as settled (the writer's side, with the clock margin).
     */
    public static boolean mayChangeSettled(Instant at, Instant now) {
        return !at.isAfter(settledBefore(now).plus(CLOCK_MARGIN));
    }
}
