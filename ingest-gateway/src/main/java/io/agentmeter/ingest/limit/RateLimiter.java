package io.agentmeter.ingest.limit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key, counted in events: each key may send {@code eventsPerSecond} on average and
 * {@code burst} at once. A request takes as many tokens as it holds items, all or nothing, so a refused request has
 * used none. In memory and per gateway instance: N instances behind a balancer allow up to N times the rate.
 */
public final class RateLimiter {

    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double eventsPerSecond, int burst, LongSupplier nanoClock) {
        if (!(eventsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive, got " + eventsPerSecond + ", " + burst);
        }
        this.tokensPerNano = eventsPerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    public RateLimiter(double eventsPerSecond, int burst) {
        this(eventsPerSecond, burst, System::nanoTime);
    }

    /**
     * Takes {@code events} tokens from {@code key}'s bucket if it holds them.
     *
     * @return empty when allowed; otherwise how long until the bucket will hold {@code events} tokens (Retry-After)
     */
    public Optional<Duration> tryAcquire(String key, int events) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoClock.getAsLong())).take(events);
    }

    private final class Bucket {

        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized Optional<Duration> take(int events) {
            long now = nanoClock.getAsLong();
            tokens = Math.min(burst, tokens + Math.max(0, now - updatedAt) * tokensPerNano);
            updatedAt = now;
            if (tokens >= events) {
                tokens -= events;
                return Optional.empty();
            }
            double missing = Math.min(events, burst) - tokens;
            return Optional.of(Duration.ofNanos((long) Math.ceil(missing / tokensPerNano)));
        }
    }
}
