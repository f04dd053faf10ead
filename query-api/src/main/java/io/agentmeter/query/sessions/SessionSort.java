package io.agentmeter.query.sessions;

import java.util.Locale;
import java.util.Optional;

/**
 * What a session list is ordered by; each has an index on session_rollups (V3, V6). Only a nullable sort writes
 * {@code NULLS LAST} (see {@link SessionRepository#list}), so the plain {@code DESC} indexes of V6 serve the others.
 */
public enum SessionSort {
    COST("cost", "s.cost_usd", true),
    TOKENS("tokens", "(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0))", false),
    TURNS("turns", "s.turns", false),
    DURATION("duration", "(s.last_seen - s.first_seen)", false),
    LAST_SEEN("last_seen", "s.last_seen", false);

    private final String value;
    private final String expression;
    private final boolean nullable;

    SessionSort(String value, String expression, boolean nullable) {
        this.value = value;
        this.expression = expression;
        this.nullable = nullable;
    }

    public String value() {
        return value;
    }

    /** The SQL expression sorted on. */
    String expression() {
        return expression;
    }

    /** Whether the sort value may be null (unknown cost sorts last). */
    boolean nullable() {
        return nullable;
    }

    public static Optional<SessionSort> parse(String text) {
        for (SessionSort s : values()) {
            if (s.value.equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
