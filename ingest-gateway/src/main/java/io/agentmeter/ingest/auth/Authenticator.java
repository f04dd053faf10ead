package io.agentmeter.ingest.auth;

import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.auth.KeyCache;
import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.service.auth.BearerToken;
import io.agentmeter.service.auth.KeyKind;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns an {@code Authorization: Bearer <key>} header into the {@link Caller}: the key is hashed (SHA-256) and looked
 * up through the {@link KeyCache}. Missing, malformed, unknown and revoked keys are 401; a query key on an ingest
 * endpoint is 403; a database that cannot answer is 503 (never 401, so the client retries).
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final KeyCache<StoredKey> cache;
    private final ApiKeyStore store;

    public Authenticator(ApiKeyStore store, GatewayConfig config) {
        this.store = store;
        this.cache = new KeyCache<>(store::findByHash, config.auth().cacheTtl(), config.auth().cacheMaxEntries(),
                System::nanoTime);
    }

    /** The caller behind an ingest key. */
    public Caller ingestCaller(String authorization) {
        String key = bearer(authorization);
        String hash = ApiKeys.sha256Hex(key);
        Optional<StoredKey> found;
        try {
            found = cache.get(hash, this::recordUse);
        } catch (SQLException e) {
            LOG.warnf("cannot look up an API key: %s", e.getMessage());
            throw new ApiException(503, "database_unavailable",
                    "cannot check the API key now (PostgreSQL unavailable); retry later", List.of(),
                    Database.RETRY_AFTER);
        }
        StoredKey stored = found.filter(k -> !k.isRevoked())
                .orElseThrow(() -> unauthorized("is not a valid API key (unknown or revoked)"));
        if (!KeyKind.INGEST.value().equals(stored.kind())) {
            throw ApiException.of(403, "forbidden", "Authorization",
                    "is a " + stored.kind() + " key; sending events needs an ingest key");
        }
        return new Caller(stored.keyId(), stored.tenantId(), Optional.ofNullable(stored.project()),
                stored.keepActivityPayloads());
    }

    /** Forgets a key on this instance at once (after it was revoked or created). */
    public void forget(String keyId) {
        cache.forget(key -> key.keyId().equals(keyId));
    }

    public void forgetHash(String keyHash) {
        cache.forgetHash(keyHash);
    }

    /** The token of a {@code Bearer} Authorization header; 401 when there is none. */
    public static String bearer(String authorization) {
        return BearerToken.of(authorization, "api key", ApiException::of);
    }

    private void recordUse(StoredKey key) {
        if (key.isRevoked()) {
            return;
        }
        try {
            store.touch(key.keyId());
        } catch (SQLException e) {
            LOG.debugf("cannot record the use of key %s: %s", key.keyId(), e.getMessage());
        }
    }

    private static ApiException unauthorized(String reason) {
        return ApiException.of(401, "unauthorized", "Authorization", reason);
    }
}
