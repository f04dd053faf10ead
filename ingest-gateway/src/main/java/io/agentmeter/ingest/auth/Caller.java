package io.agentmeter.ingest.auth;

import java.util.Optional;

/**
 * Who sent a request: the API key that authenticated it and what the key is bound to.
 *
 * @param keyId    the key's id (never the key itself)
 * @param tenantId the tenant every event of the request belongs to, whatever the payload says
 * @param project  the project a project-bound key stamps on every event; empty for a key of the whole tenant
 */
public record Caller(String keyId, String tenantId, Optional<String> project) {
}
