package io.agentmeter.ingest.auth;

import java.time.Instant;

/**
 * A row of {@code api_keys}, without its hash, with its tenant's settings the ingest path needs.
 *
 * @param project               null when the key may write to any project of its tenant
 * @param role                  viewer, developer or admin for query keys; null for ingest keys
 * @param keepActivityPayloads  the tenant's {@code tenants.keep_activity_payloads}: false drops activity payloads at
 *                              ingest
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
        Instant lastUsedAt,
        boolean keepActivityPayloads) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
