package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns the log records of one agent event (by its name) into turn events. */
interface LogEventMapper {

    /** The event's full name, e.g. {@code claude_code.api_request}. */
    String eventName();

    /** The turn of the record, or why this record of the event is not a turn. */
    LogOutcome map(OtlpLogRecord record);

    /** What became of one log record. */
    sealed interface LogOutcome permits Turn, Ignored {
    }

    /** The record is a model turn; {@code event} is judged by the validator like any sent event. */
    record Turn(ObjectNode event) implements LogOutcome {
    }

    /** The record is not a turn; {@code reason} is the metric label and is named in the answer. */
    record Ignored(String reason) implements LogOutcome {
    }
}
