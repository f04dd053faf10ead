package io.agentmeter.schema;

/**
 * Whose a record read from Kafka is: its value's {@code tenant_id}, else the tenant its key names
 * ({@code tenant:session_id}); when both name one they must agree. One rule for every door that takes records
 * straight from Kafka producers (the aggregator's turns, the writer's activity events), so a record can never be
 * stored under a tenant its key does not name.
 *
 * @param tenant  the tenant, or null when there is none or a conflict
 * @param problem why there is no tenant (for the field {@code $.tenant_id}), or null
 */
public record RecordTenant(String tenant, String problem) {

    public static RecordTenant of(String valueTenant, String key) {
        String keyTenant = tenantOfKey(key);
        if (valueTenant != null && keyTenant != null && !keyTenant.equals(valueTenant)) {
            return new RecordTenant(null, "is '" + valueTenant + "' but the record key names tenant '" + keyTenant
                    + "': they must agree");
        }
        if (valueTenant != null) {
            return new RecordTenant(valueTenant, null);
        }
        if (keyTenant == null) {
            return new RecordTenant(null, "is required: set it in the event or key the record tenant:session_id");
        }
        return new RecordTenant(keyTenant, null);
    }

    public boolean isKnown() {
        return tenant != null;
    }

    /** The valid tenant id before the key's first ':', or null. */
    private static String tenantOfKey(String key) {
        if (key == null) {
            return null;
        }
        int at = key.indexOf(':');
        if (at <= 0) {
            return null;
        }
        String tenant = key.substring(0, at);
        return TenantId.isValid(tenant) ? tenant : null;
    }
}
