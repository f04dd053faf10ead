package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns the log records of one agent event (by its name) into turn events or activity events. */
interface LogEventMapper {

    /** The event's full name, e.g. {@code claude_code.api_request}. */
    String eventName();

    /** The turn or activity event of the record, or why this record of the event is neither. */
    LogOutcome map(OtlpLogRecord record);

    /** What became of one log record. */
    sealed interface LogOutcome permits Turn, Activity, Ignored {
    }

    /** The record is a model turn; {@code event} is judged by the validator like any sent event. */
    record Turn(ObjectNode event) implements LogOutcome {
    }

    /**
     * The record is an activity event (a tool call, a decision, an error, a prompt: never spend); {@code event} is
     * judged by the activity validator like any sent event.
     */
    record Activity(ObjectNode event) implements LogOutcome {
    }

    /** The record is not a turn; {@code reason} is the metric label and is named in the answer. */
    record Ignored(String reason) implements LogOutcome {
    }
}
