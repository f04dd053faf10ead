package io.agentmeter.schema.activity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What an activity event is; its JSON name is {@link #wire()} (the schema's {@code kind} enum). */
public enum ActivityKind {

    /** A tool ran (its parameters or output in the payload). */
    TOOL_CALL("tool_call"),
    /** A tool call was accepted or rejected, by the user or a rule (status accept / reject). */
    TOOL_DECISION("tool_decision"),
    /** The model's answer. */
    REPLY("reply"),
    /** An API or agent error; the name is its type. */
    ERROR("error"),
    /** What the user asked. */
    USER_PROMPT("user_prompt"),
    /** A model request, for its timing and outcome (its tokens and cost are the turns'). */
    API_REQUEST("api_request"),
    /** Anything else the agent reports. */
    SYSTEM("system");

    private final String wire;

    ActivityKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The kind of a JSON name. */
    @JsonCreator
    public static ActivityKind of(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an activity kind: " + wire));
    }
}
