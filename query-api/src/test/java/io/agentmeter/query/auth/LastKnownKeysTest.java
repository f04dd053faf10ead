package io.agentmeter.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LastKnownKeysTest {

    private final AtomicLong nanos = new AtomicLong();
    private final LastKnownKeys known = new LastKnownKeys(Duration.ofMinutes(60), 3, nanos::get);
    private final StoredKey key = new StoredKey("k1", "acme", "query", "viewer", null);

    @Test
    void shouldRecallWhatPostgresqlSaidWithinTheGraceOnly() {
        known.remember("h1", Optional.of(key));
        known.remember("h2", Optional.empty());
        nanos.set(Duration.ofMinutes(59).toNanos());
        assertThat(known.recall("h1")).contains(Optional.of(key));
        assertThat(known.recall("h2")).as("known to be no key").contains(Optional.empty());
        assertThat(known.recall("h3")).as("never looked up").isEmpty();
        nanos.set(Duration.ofMinutes(61).toNanos());
        assertThat(known.recall("h1")).isEmpty();
    }

    @Test
    void shouldForgetEverythingRatherThanGrowBeyondItsBound() {
        for (int i = 0; i < 4; i++) {
            known.remember("h" + i, Optional.of(key));
        }
        assertThat(known.recall("h0")).isEmpty();
        assertThat(known.recall("h3")).isPresent();
    }
}
