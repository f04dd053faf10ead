package io.agentmeter.schema.activity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The outcome of an activity event; its JSON name is {@link #wire()} (the schema's {@code status} enum). */
public enum ActivityStatus {

    OK("ok"), ERROR("error"), ACCEPT("accept"), REJECT("reject");

    private final String wire;

    ActivityStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ActivityStatus of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an activity status: " + wire));
    }
}
