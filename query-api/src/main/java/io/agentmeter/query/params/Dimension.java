package io.agentmeter.query.params;

import java.util.Locale;
import java.util.Optional;

/** What figures can be grouped by. Turns that did not report a dimension are grouped under null ("not reported"). */
public enum Dimension {
    MODEL("model"), PROVIDER("provider"), PROJECT("project"), AGENT("agent"), TOOL("tool");

    private final String value;

    Dimension(String value) {
        this.value = value;
    }

    /** As written in {@code group_by} / {@code by} and as the column name. */
    public String value() {
        return value;
    }

    public static Optional<Dimension> parse(String text) {
        for (Dimension d : values()) {
            if (d.value.equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
