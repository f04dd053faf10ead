package io.agentmeter.ingest.admin;

import java.time.Instant;

/** A row of {@code tenants}. */
public record Tenant(String tenantId, String name, Instant createdAt) {
}
