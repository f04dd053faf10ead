package io.agentmeter.cli.send;

import java.time.Duration;

/**
 * Bounded retries: at most {@code maxAttempts} tries of one request. A 429 or 503 waits its Retry-After (at most
 * {@code maxRetryAfter}; {@code initialBackoff} when absent); a network error or another 5xx waits
 * {@code initialBackoff}, doubling up to {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                          Sleeper sleeper) {

    /** Waits; tests pass one that records instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static final Sleeper REAL_SLEEP = duration -> Thread.sleep(duration.toMillis());

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public static RetryPolicy standard(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60),
                REAL_SLEEP);
    }

    /** The wait before attempt {@code attempt + 1} after a failure without Retry-After (attempt counts from 1). */
    public Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** A server's Retry-After, bounded. */
    public Duration bounded(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            return initialBackoff;
        }
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }
}
