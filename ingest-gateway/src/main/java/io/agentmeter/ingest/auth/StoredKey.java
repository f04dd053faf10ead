package io.agentmeter.ingest.auth;

import java.time.Instant;

/**
 * A row of {@code api_keys}, without its hash.
 *
 * @param project null when the key may write to any project of its tenant
 * @param role    viewer, developer or admin for query keys; null for ingest keys
 */
public record StoredKey(
        String keyId,
        String tenantId,
        String project,
        String kind,
        String role,
        String name,
        String keyPrefix,
        Instant createdAt,
        Instant revokedAt,
        Instant lastUsedAt) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
