package io.agentmeter.schema.auth;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Remembers what PostgreSQL said about an API key hash (the stored key, or that there is none) for at most
 * {@code ttl}, so a burst of requests costs one lookup instead of one per request. A key revoked elsewhere stops
 * working here within {@code ttl}; {@link #forget} makes it immediate on this instance. Unknown hashes are remembered
 * too, and the map is emptied when full, so guessing keys cannot grow memory. Database errors are never remembered.
 *
 * @param <K> the service's view of a stored key
 */
public final class KeyCache<K> {

    /** Looks a key up by its hash. */
    @FunctionalInterface
    public interface Lookup<K> {
        Optional<K> find(String keyHash) throws SQLException;
    }

    private record Entry<K>(Optional<K> key, long expiresAt) {
    }

    private final Lookup<K> lookup;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Entry<K>> entries = new ConcurrentHashMap<>();

    public KeyCache(Lookup<K> lookup, Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.lookup = lookup;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** The key with this hash, from memory when looked up less than {@code ttl} ago. */
    public Optional<K> get(String keyHash) throws SQLException {
        return get(keyHash, key -> { });
    }

    /**
     * The key with this hash, from memory when looked up less than {@code ttl} ago.
     *
     * @param onLoad called with a key freshly read from the database (to record its use), not for remembered answers
     * @throws SQLException when the database cannot answer
     */
    public Optional<K> get(String keyHash, Consumer<K> onLoad) throws SQLException {
        long now = nanoClock.getAsLong();
        Entry<K> entry = entries.get(keyHash);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.key();
        }
        Optional<K> key = lookup.find(keyHash);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(keyHash, new Entry<>(key, now + ttlNanos));
        key.ifPresent(onLoad);
        return key;
    }

    /** Drops every remembered key that matches, so a revocation applies at once on this instance. */
    public void forget(Predicate<K> which) {
        entries.values().removeIf(entry -> entry.key().map(which::test).orElse(false));
    }

    /** Drops what is remembered about this hash (e.g. a key just created that someone tried before). */
    public void forgetHash(String keyHash) {
        entries.remove(keyHash);
    }

    int size() {
        return entries.size();
    }
}
