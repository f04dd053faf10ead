package io.agentmeter.schema;

import java.util.regex.Pattern;

/**
 * The rule for tenant ids: 1 to 64 characters of letters, digits, '.', '_' or '-'. Narrow on purpose: tenant ids are
 * chosen by operators, show up in keys ({@code tenant:session}) and URLs, and must never need escaping.
 */
public final class TenantId {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private TenantId() {
    }

    public static boolean isValid(String tenantId) {
        return tenantId != null && VALID.matcher(tenantId).matches();
    }

    /** Returns {@code tenantId} if valid, else fails saying why. */
    public static String require(String tenantId) {
        if (!isValid(tenantId)) {
            throw new IllegalArgumentException("tenant_id must be 1 to " + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', got: " + tenantId);
        }
        return tenantId;
    }
}
