package io.agentmeter.query.auth;

import java.time.Instant;

/** The part of an {@code api_keys} row the query API reads; never the hash. */
public record StoredKey(String keyId, String tenantId, String kind, String role, Instant revokedAt) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
