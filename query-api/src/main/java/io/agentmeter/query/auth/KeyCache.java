package io.agentmeter.query.auth;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Remembers what PostgreSQL said about a key hash (the key, or that there is none) for at most {@code ttl}, so a
 * dashboard's burst of requests costs one lookup. A key revoked elsewhere stops working here within {@code ttl}.
 * Unknown hashes are remembered too, and the map is emptied when full, so guessing keys cannot grow memory.
 */
public final class KeyCache {

    /** Looks a key up by its hash. */
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

    /** The key with this hash, from memory when looked up less than {@code ttl} ago; errors are never cached. */
    public Optional<StoredKey> get(String keyHash) throws SQLException {
        long now = nanoClock.getAsLong();
        Entry entry = entries.get(keyHash);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.key();
        }
        Optional<StoredKey> key = lookup.find(keyHash);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(keyHash, new Entry(key, now + ttlNanos));
        return key;
    }

    int size() {
        return entries.size();
    }
}
