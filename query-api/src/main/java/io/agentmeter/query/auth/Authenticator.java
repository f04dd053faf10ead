package io.agentmeter.query.auth;

import io.agentmeter.query.config.QueryConfig;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.auth.KeyCache;
import io.agentmeter.service.auth.BearerToken;
import io.agentmeter.service.auth.KeyKind;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns {@code Authorization: Bearer <key>} into the {@link Caller}: the key is hashed (SHA-256, as stored) and
 * looked up through the {@link KeyCache}. Missing, malformed, unknown and revoked keys are 401; an ingest key is 403;
 * a database that cannot answer is 503 (never 401, so the client retries).
 */
@ApplicationScoped
public class Authenticator {

    private final KeyCache<StoredKey> cache;
    private final LastKnownKeys lastKnown;

    public Authenticator(KeyStore store, QueryConfig config) {
        this.lastKnown = new LastKnownKeys(config.auth().outageGrace(), config.auth().cacheMaxEntries(),
                System::nanoTime);
        this.cache = new KeyCache<>(hash -> lastKnown.remember(hash, store.findByHash(hash)),
                config.auth().cacheTtl(), config.auth().cacheMaxEntries(), System::nanoTime);
    }

    public Caller authenticate(String authorization) {
        String key = bearer(authorization);
        Optional<StoredKey> found;
        try {
            found = cache.get(ApiKeys.sha256Hex(key));
        } catch (SQLException e) {
            throw Database.unavailable(e);
        }
        return caller(found);
    }

    /**
     * As {@link #authenticate}, but when PostgreSQL cannot answer, the key as PostgreSQL last described it within
     * {@code agentmeter.auth.outage-grace}; empty when it did not describe it that recently (the key is not known
     * to be good or bad). For {@code GET /v1/health/parts} only, which must work while PostgreSQL is down.
     */
    public Optional<Caller> authenticateOrRecall(String authorization) {
        String hash = ApiKeys.sha256Hex(bearer(authorization));
        Optional<StoredKey> found;
        try {
            found = cache.get(hash);
        } catch (SQLException e) {
            Optional<Optional<StoredKey>> recalled = lastKnown.recall(hash);
            if (recalled.isEmpty()) {
                return Optional.empty();
            }
            found = recalled.get();
        }
        return Optional.of(caller(found));
    }

    private static Caller caller(Optional<StoredKey> found) {
        StoredKey stored = found.filter(k -> !k.isRevoked())
                .orElseThrow(() -> ApiException.unauthorized("is not a valid query key (unknown or revoked)"));
        if (!KeyKind.QUERY.value().equals(stored.kind())) {
            throw ApiException.forbidden("this is an " + stored.kind() + " key; the query API needs a query key");
        }
        Role role = Role.parse(stored.role())
                .orElseThrow(() -> ApiException.forbidden("this query key has no known role"));
        return new Caller(stored.keyId(), stored.tenantId(), role);
    }

    /** The token of a {@code Bearer} Authorization header; 401 when there is none. */
    static String bearer(String authorization) {
        return BearerToken.of(authorization, "query key", ApiException::of);
    }
}
