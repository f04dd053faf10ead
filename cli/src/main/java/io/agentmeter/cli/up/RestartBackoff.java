package io.agentmeter.cli.up;

import java.time.Duration;

/**
 * When to restart a part that died, like an init system's restart policy: the first restart after {@code first},
 * each further one after twice the previous delay, never more than {@code max}; a part that ran for
 * {@code stableAfter} or longer before dying counts as healthy again and starts over at {@code first}. So a part that
 * crashes once is back within a second, and one that crashes at every start is not restarted in a tight loop.
 * Not thread-safe: one instance per part, used by the {@link Supervisor} under its lock.
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    private final Duration first;
    private final Duration max;
    private final Duration stableAfter;
    private Duration previous;
    private int restarts;

    RestartBackoff(Duration first, Duration max, Duration stableAfter) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.stableAfter = stableAfter;
    }

    static RestartBackoff defaults() {
        return new RestartBackoff(FIRST, MAX, STABLE_AFTER);
    }

    /** The wait before restarting a part whose last run lasted {@code ranFor}; counts the restart. */
    Duration nextDelay(Duration ranFor) {
        if (previous == null || ranFor.compareTo(stableAfter) >= 0) {
            previous = first;
        } else {
            Duration doubled = previous.multipliedBy(2);
            previous = doubled.compareTo(max) > 0 ? max : doubled;
        }
        restarts++;
        return previous;
    }

    /** Restarts counted so far (every {@link #nextDelay} call), also across stable runs. */
    int restarts() {
        return restarts;
    }
}
