package io.agentmeter.schema.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

    private record Key(String id, boolean revoked) {
    }

    private final AtomicLong now = new AtomicLong();
    private final Map<String, Key> table = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private boolean databaseDown;
    private final KeyCache<Key> cache = new KeyCache<>(hash -> {
        lookups.incrementAndGet();
        if (databaseDown) {
            throw new SQLException("connection refused");
        }
        return Optional.ofNullable(table.get(hash));
    }, Duration.ofSeconds(10), 3, now::get);

    @Test
    void shouldAnswerFromMemoryWithinTheTtlAndAskAgainAfterIt() throws SQLException {
        table.put("h1", new Key("k1", false));
        assertThat(cache.get("h1")).isPresent();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(cache.get("h1")).isPresent();
        assertThat(lookups).hasValue(1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.get("h1");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void shouldSeeARevocationMadeElsewhereOnceTheTtlPassed() throws SQLException {
        table.put("h1", new Key("k1", false));
        cache.get("h1");
        table.put("h1", new Key("k1", true));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(cache.get("h1")).get().matches(Key::revoked);
    }

    @Test
    void shouldForgetAMatchingKeyAtOnceAndKeepTheOthers() throws SQLException {
        table.put("h1", new Key("k1", false));
        table.put("h2", new Key("k2", false));
        cache.get("h1");
        cache.get("h2");
        table.put("h1", new Key("k1", true));
        cache.forget(key -> key.id().equals("k1"));
        assertThat(cache.get("h1")).get().matches(Key::revoked);
        assertThat(cache.get("h2")).isPresent();
        assertThat(lookups).hasValue(3);
    }

    @Test
    void shouldForgetAHash() throws SQLException {
        cache.get("h1");
        table.put("h1", new Key("k1", false));
        cache.forgetHash("h1");
        assertThat(cache.get("h1")).isPresent();
    }

    @Test
    void shouldRememberUnknownKeysButStayBounded() throws SQLException {
        for (int i = 0; i < 10; i++) {
            assertThat(cache.get("unknown-" + i)).isEmpty();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
        cache.get("unknown-9");
        assertThat(lookups).hasValue(10);
    }

    @Test
    void shouldNeverRememberADatabaseFailure() throws SQLException {
        databaseDown = true;
        assertThatThrownBy(() -> cache.get("h1")).isInstanceOf(SQLException.class);
        databaseDown = false;
        table.put("h1", new Key("k1", false));
        assertThat(cache.get("h1")).isPresent();
    }

    @Test
    void shouldCallOnLoadOnlyForKeysReadFromTheDatabase() throws SQLException {
        table.put("h1", new Key("k1", false));
        AtomicInteger loads = new AtomicInteger();
        cache.get("h1", key -> loads.incrementAndGet());
        cache.get("h1", key -> loads.incrementAndGet());
        assertThat(loads).hasValue(1);
    }
}
