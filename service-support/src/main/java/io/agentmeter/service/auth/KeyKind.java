package io.agentmeter.service.auth;

import java.util.Optional;

/**
 * What a key may do ({@code api_keys.kind}): {@code ingest} keys send turns to the gateway, {@code query} keys read the
 * query API.
 */
public enum KeyKind {
    INGEST("ingest"), QUERY("query");

    private final String value;

    KeyKind(String value) {
        this.value = value;
    }

    /** As stored in {@code api_keys.kind} and written in the API. */
    public String value() {
        return value;
    }

    public static Optional<KeyKind> parse(String value) {
        for (KeyKind kind : values()) {
            if (kind.value.equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
