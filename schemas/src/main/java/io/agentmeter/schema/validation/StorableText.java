package io.agentmeter.schema.validation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for text that reaches PostgreSQL, whatever carries it: turn event fields, recording and admin request
 * fields, query parameters and path segments of both HTTP services. PostgreSQL's {@code text} and {@code jsonb} cannot
 * hold a NUL character, and an unpaired UTF-16 surrogate is not Unicode at all (the driver would silently store it as
 * {@code ?}). Refusing both where the text enters keeps such input a 400 naming the field, never a database error.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why {@code text} cannot be stored, as a reason that follows the field's name; null when it can (or is null). */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character (\\u0000), which cannot be stored";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (\\u" + Integer.toHexString(c) + "), which is not Unicode";
            }
        }
        return null;
    }

    /**
     * The first value in {@code parameters} (query parameters or path segments of a request, by name) that breaks
     * the rule, as a violation whose path is the parameter's name; empty when every value is storable.
     */
    public static Optional<Violation> firstIn(Map<String, ? extends List<String>> parameters) {
        for (Map.Entry<String, ? extends List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String problem = problem(value);
                if (problem != null) {
                    return Optional.of(new Violation(parameter.getKey(), problem));
                }
            }
        }
        return Optional.empty();
    }
}
