package io.agentmeter.ingest.admin;

import java.time.Instant;

/**
 * A row of {@code tenants}.
 *
 * @param keepActivityPayloads false: the payload text of the tenant's activity events (prompts, tool input and output)
 *                             is dropped at ingest (V13)
 */
public record Tenant(String tenantId, String name, Instant createdAt, boolean keepActivityPayloads) {
}
