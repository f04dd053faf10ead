package io.agentmeter.ingest.auth;

import io.agentmeter.schema.auth.ApiKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final Map<String, StoredKey> table = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private boolean databaseDown;
    private final KeyCache cache = new KeyCache(hash -> {
        lookups.incrementAndGet();
        if (databaseDown) {
            throw new SQLException("connection refused");
        }
        return Optional.ofNullable(table.get(hash));
    }, Duration.ofSeconds(10), 3, now::get);

    private static StoredKey key(String id, Instant revokedAt) {
        return new StoredKey(id, "acme", null, "ingest", null, "n", "am_ingest_x", Instant.EPOCH, revokedAt, null);
    }

    @Test
    void shouldAnswerFromMemoryWithinTheTtl() throws SQLException {
        table.put("h1", key("k1", null));
        assertThat(cache.get("h1", k -> { })).isPresent();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(cache.get("h1", k -> { })).isPresent();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void shouldSeeARevocationMadeElsewhereOnceTheTtlPassed() throws SQLException {
        table.put("h1", key("k1", null));
        cache.get("h1", k -> { });
        table.put("h1", key("k1", Instant.now()));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(cache.get("h1", k -> { })).get().matches(StoredKey::isRevoked);
    }

    @Test
    void shouldForgetARevokedKeyAtOnce() throws SQLException {
        table.put("h1", key("k1", null));
        cache.get("h1", k -> { });
        table.put("h1", key("k1", Instant.now()));
        cache.forget("k1");
        assertThat(cache.get("h1", k -> { })).get().matches(StoredKey::isRevoked);
    }

    @Test
    void shouldRememberUnknownKeysButStayBounded() throws SQLException {
        for (int i = 0; i < 10; i++) {
            assertThat(cache.get("unknown-" + i, k -> { })).isEmpty();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
        cache.get("unknown-9", k -> { });
        assertThat(lookups).hasValue(10);
    }

    @Test
    void shouldNeverCacheADatabaseFailure() {
        databaseDown = true;
        assertThatThrownBy(() -> cache.get("h1", k -> { })).isInstanceOf(SQLException.class);
        databaseDown = false;
        table.put("h1", key("k1", null));
        assertThat(catchingGet("h1")).isPresent();
    }

    @Test
    void shouldCallOnLoadOnlyForKeysReadFromTheDatabase() throws SQLException {
        table.put("h1", key("k1", null));
        AtomicInteger loads = new AtomicInteger();
        cache.get("h1", k -> loads.incrementAndGet());
        cache.get("h1", k -> loads.incrementAndGet());
        assertThat(loads).hasValue(1);
    }

    @Test
    void shouldHashKeysAsSha256Hex() {
        assertThat(ApiKeys.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeys.newKey(KeyKind.INGEST.value())).startsWith("am_ingest_").hasSize(10 + 43);
        assertThat(ApiKeys.newKey(KeyKind.INGEST.value())).isNotEqualTo(ApiKeys.newKey(KeyKind.INGEST.value()));
    }

    private Optional<StoredKey> catchingGet(String hash) {
        try {
            return cache.get(hash, k -> { });
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
