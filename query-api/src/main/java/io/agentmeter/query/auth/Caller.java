package io.agentmeter.query.auth;

import io.agentmeter.query.http.ApiException;

/**
 * Who is asking: the query key that authenticated the request, its tenant (every query is scoped to it) and its role.
 */
public record Caller(String keyId, String tenantId, Role role) {

    /** 403 unless this caller's role includes {@code needed}; {@code what} names the data refused. */
    public void require(Role needed, String what) {
        if (!role.includes(needed)) {
            throw ApiException.forbidden(what + " needs a " + needed.value() + " (or higher) query key; this key is a "
                    + role.value() + " key");
        }
    }

    public boolean may(Role needed) {
        return role.includes(needed);
    }
}
