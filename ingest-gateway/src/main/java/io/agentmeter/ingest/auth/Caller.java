package io.agentmeter.ingest.auth;

import java.util.Optional;

/**
 * Who sent a request: the API key that authenticated it, what the key is bound to, and its tenant's ingest settings.
 *
 * @param keyId                the key's id (never the key itself)
 * @param tenantId             the tenant every event of the request belongs to, whatever the payload says
 * @param project              the project a project-bound key stamps on every event; empty for a key of the whole
 *                             tenant
 * @param keepActivityPayloads false when the tenant keeps no activity payload text: the gateway drops it at ingest
 */
public record Caller(String keyId, String tenantId, Optional<String> project, boolean keepActivityPayloads) {

    /** A caller whose tenant keeps activity payloads (the default setting). */
    public Caller(String keyId, String tenantId, Optional<String> project) {
        this(keyId, tenantId, project, true);
    }
}
