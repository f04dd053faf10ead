package io.agentmeter.ingest.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(100, 500, now::get);

    @Test
    void shouldAllowABurstUpToCapacity() {
        assertThat(limiter.tryAcquire("k", 300)).isEmpty();
        assertThat(limiter.tryAcquire("k", 200)).isEmpty();
        assertThat(limiter.tryAcquire("k", 1)).isPresent();
    }

    @Test
    void shouldRefuseAllOrNothingAndSayHowLongToWait() {
        assertThat(limiter.tryAcquire("k", 450)).isEmpty();
        // 50 left; 100 more needed at 100/s: 1 s.
        assertThat(limiter.tryAcquire("k", 150)).contains(Duration.ofSeconds(1));
        // The refused request took nothing: 50 still there.
        assertThat(limiter.tryAcquire("k", 50)).isEmpty();
    }

    @Test
    void shouldRefillAtTheRateButNeverAboveTheBurst() {
        assertThat(limiter.tryAcquire("k", 500)).isEmpty();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(limiter.tryAcquire("k", 200)).isEmpty();
        assertThat(limiter.tryAcquire("k", 1)).isPresent();
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(limiter.tryAcquire("k", 500)).isEmpty();
        assertThat(limiter.tryAcquire("k", 1)).isPresent();
    }

    @Test
    void shouldKeepOneBucketPerKey() {
        assertThat(limiter.tryAcquire("a", 500)).isEmpty();
        assertThat(limiter.tryAcquire("b", 500)).isEmpty();
        assertThat(limiter.tryAcquire("a", 1)).isPresent();
    }
}
