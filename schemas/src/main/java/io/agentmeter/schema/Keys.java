package io.agentmeter.schema;


/**
 * Record keys, in one place so producers and the aggregator partition alike.
 *
 * <p>Keys are {@code tenant:rest}. A tenant id never contains ':' ({@link TenantId}), so the first ':' always splits
 * a key unambiguously, whatever the session or user id holds.
 */
public final class Keys {

    private static final char SEPARATOR = ':';

    private Keys() {
    }

    /** One session's turns share this key, so they stay in order on one partition. */
    public static String session(String tenantId, String sessionId) {
        return TenantId.require(tenantId) + SEPARATOR + sessionId;
    }

    /** A user's recording state: the compacted recordings topic keeps the latest per user. */
    public static String user(String tenantId, String userId) {
        return TenantId.require(tenantId) + SEPARATOR + userId;
    }

    /** The tenant part of a key built here. */
    public static String tenantOf(String key) {
        int at = key.indexOf(SEPARATOR);
        if (at <= 0) {
            throw new IllegalArgumentException("not an agentmeter key (no tenant prefix): " + key);
        }
        return key.substring(0, at);
    }
}
