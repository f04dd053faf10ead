package io.agentmeter.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger lookups = new AtomicInteger();
    private final KeyCache cache = new KeyCache(hash -> {
        lookups.incrementAndGet();
        return hash.equals("known") ? Optional.of(new StoredKey("k", "acme", "query", "viewer", null))
                : Optional.empty();
    }, Duration.ofSeconds(10), 3, clock::get);

    @Test
    void shouldAnswerFromMemoryWithinTheTtl() throws Exception {
        assertThat(cache.get("known")).isPresent();
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(cache.get("known")).isPresent();
        assertThat(lookups).hasValue(1);
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.get("known");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void shouldRememberUnknownKeysButNeverGrowWithoutEnd() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(cache.get("guess-" + i)).isEmpty();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
}
