package io.agentmeter.query.auth;

import java.util.Optional;

/**
 * What a query key may read. Each role includes the ones before it: a viewer reads figures (summaries, series,
 * sessions, comparisons); a developer also reads recordings, prompt text and per-turn config snapshots
 * ({@code params}); an admin reads everything a developer does.
 */
public enum Role {
    VIEWER("viewer"), DEVELOPER("developer"), ADMIN("admin");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    /** As stored in {@code api_keys.role}. */
    public String value() {
        return value;
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> parse(String value) {
        for (Role role : values()) {
            if (role.value.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
