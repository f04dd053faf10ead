package io.agentmeter.ingest.auth;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Remembers what PostgreSQL said about a key hash (the key, or that there is none) for a short time, so the hot path
 * does not query the database per request. An answer is trusted for at most {@code ttl}: a key revoked on another
 * gateway instance stops working here within {@code ttl}; {@link #forget} makes it immediate on this instance.
 */
public final class KeyCache {

    /** Looks a key up by its hash; the database behind {@link ApiKeyStore#findByHash}. */
    @FunctionalInterface
    public interface Lookup {
        Optional<StoredKey> find(String keyHash) throws SQLException;
    }

    private record Entry(Optional<StoredKey> key, long expiresAt) {
    }

    private final Lookup lookup;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public KeyCache(Lookup lookup, Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.lookup = lookup;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /**
     * The key with this hash, from memory when looked up less than {@code ttl} ago.
     *
     * @param onLoad called with a key freshly read from the database (to record its use), not for cached answers
     * @throws SQLException when the database cannot answer (never cached)
     */
    public Optional<StoredKey> get(String keyHash, java.util.function.Consumer<StoredKey> onLoad) throws SQLException {
        long now = nanoClock.getAsLong();
        Entry entry = entries.get(keyHash);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.key();
        }
        Optional<StoredKey> key = lookup.find(keyHash);
        if (entries.size() >= maxEntries) {
            // Unknown keys are cached too, so guessing keys must not grow memory without end.
            entries.clear();
        }
        entries.put(keyHash, new Entry(key, now + ttlNanos));
        key.ifPresent(onLoad);
        return key;
    }

    /** Drops what is remembered about the key with this id, so a revocation applies at once on this instance. */
    public void forget(String keyId) {
        entries.values().removeIf(entry -> entry.key().map(k -> k.keyId().equals(keyId)).orElse(false));
    }

    /** Drops what is remembered about this hash (e.g. a key just created that someone tried before). */
    public void forgetHash(String keyHash) {
        entries.remove(keyHash);
    }

    int size() {
        return entries.size();
    }
}
