package io.agentmeter.schema.rollup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;

/** The tumbling window sizes of the model, agent and tool rollups; {@link #label()} is the {@code window_size} column. */
public enum WindowSize {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String label;
    private final Duration size;

    WindowSize(String label, Duration size) {
        this.label = label;
        this.size = size;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public Duration size() {
        return size;
    }

    /** The start of the window (epoch-aligned, UTC) that holds {@code at}. */
    public Instant windowStart(Instant at) {
        long ms = size.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), ms) * ms);
    }

    @JsonCreator
    public static WindowSize ofLabel(String label) {
        for (WindowSize size : values()) {
            if (size.label.equals(label)) {
                return size;
            }
        }
        throw new IllegalArgumentException("window_size must be 1m, 1h or 1d, got " + label);
    }
}
