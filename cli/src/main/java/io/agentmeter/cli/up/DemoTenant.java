package io.agentmeter.cli.up;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo tenant {@code up} creates with one ingest key and one query key (role developer). Keys of an earlier run
 * are kept when the gateway still knows them and they are not revoked; otherwise new ones are made.
 */
final class DemoTenant {

    static final String QUERY_ROLE = "developer";

    record Result(DemoCredentials credentials, boolean reused) {
    }

    private DemoTenant() {
    }

    static Result ensure(AdminClient admin, String tenant, String adminSecret,
                         Optional<Map<String, String>> previous) {
        admin.ensureTenant(tenant, "Demo tenant (agentmeter up)");
        Set<String> live = admin.liveKeyIds(tenant);
        Map<String, String> before = previous.filter(values -> tenant.equals(values.get(DemoCredentials.TENANT)))
                .orElse(Map.of());
        DemoCredentials credentials = new DemoCredentials(tenant, adminSecret, null, null, null, null);
        boolean reused = true;

        String ingestKey = before.get(DemoCredentials.INGEST_KEY);
        String ingestKeyId = before.get(DemoCredentials.INGEST_KEY_ID);
        if (ingestKey != null && ingestKeyId != null && live.contains(ingestKeyId)) {
            credentials = credentials.withIngestKey(ingestKey, ingestKeyId);
        } else {
            AdminClient.CreatedKey created = admin.createKey(tenant, "agentmeter up: demo ingest key", "ingest", null);
            credentials = credentials.withIngestKey(created.key(), created.keyId());
            reused = false;
        }

        String queryKey = before.get(DemoCredentials.QUERY_KEY);
        String queryKeyId = before.get(DemoCredentials.QUERY_KEY_ID);
        if (queryKey != null && queryKeyId != null && live.contains(queryKeyId)) {
            credentials = credentials.withQueryKey(queryKey, queryKeyId);
        } else {
            AdminClient.CreatedKey created = admin.createKey(tenant, "agentmeter up: demo query key", "query",
                    QUERY_ROLE);
            credentials = credentials.withQueryKey(created.key(), created.keyId());
            reused = false;
        }
        return new Result(credentials, reused);
    }
}
