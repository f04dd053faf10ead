package io.agentmeter.query.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * What PostgreSQL last said about each key hash (the stored key, or that there is none) and when, kept for
 * {@code agentmeter.auth.outage-grace}: while PostgreSQL cannot answer, {@code GET /v1/health/parts} still knows a
 * key it confirmed recently, so the health bar keeps working during the outage it should show. Nothing else uses it.
 * Bounded like the key cache: emptied when full.
 */
final class LastKnownKeys {

    private record Known(Optional<StoredKey> key, long at) {
    }

    private final long graceNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();

    LastKnownKeys(Duration grace, int maxEntries, LongSupplier nanoClock) {
        this.graceNanos = grace.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** Notes what PostgreSQL answered for {@code keyHash}; returns it unchanged. */
    Optional<StoredKey> remember(String keyHash, Optional<StoredKey> key) {
        if (known.size() >= maxEntries) {
            known.clear();
        }
        known.put(keyHash, new Known(key, nanoClock.getAsLong()));
        return key;
    }

    /** What PostgreSQL said about {@code keyHash} within the grace; empty when it said nothing that recently. */
    Optional<Optional<StoredKey>> recall(String keyHash) {
        Known entry = known.get(keyHash);
        if (entry == null || nanoClock.getAsLong() - entry.at() > graceNanos) {
            return Optional.empty();
        }
        return Optional.of(entry.key());
    }
}
