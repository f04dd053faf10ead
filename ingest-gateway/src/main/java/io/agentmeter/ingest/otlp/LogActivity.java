package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.schema.activity.ActivityStatus;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An activity event being built from one agent log record, as a JSON tree (as {@link LogTurn} builds turns): fields
 * the record does not have are left out (not reported), values are copied as sent for the validator to judge. Sets
 * what every mapping shares: the id (derived from the record, so a replayed export gets the same ids), the time, the
 * session, the agent, the user and the source.
 */
final class LogActivity {

    private final OtlpLogRecord record;
    private final ObjectNode event = OtlpValues.NODES.objectNode();
    private final List<String> payload = new ArrayList<>();

    /**
     * @param shortName    the event's name without the agent's prefix ({@code tool_result}), part of the id's prefix
     * @param idAttributes the attributes that tell two records of this event apart, besides the record's time
     */
    LogActivity(OtlpLogRecord record, AgentCli cli, String shortName, ActivityKind kind, List<String> idAttributes) {
        this.record = record;
        event.put("schema_version", 1);
        event.put("event_id", EventIds.derive(cli.idPrefix() + shortName + ":", record, idAttributes));
        record.epochNanos().ifPresent(nanos -> event.put("occurred_at", OtlpValues.time(nanos)));
        record.text(cli.sessionAttribute()).ifPresent(session -> event.put("session_id", session));
        event.put("kind", kind.wire());
        event.put("agent", cli.agent(record));
        LogTurn.userOf(record).ifPresent(user -> event.put("user_id", user));
        event.put("source", cli.source());
    }

    /** A string field from a string attribute, when present and not blank. */
    LogActivity text(String field, String attribute) {
        record.text(attribute).ifPresent(value -> event.put(field, value));
        return this;
    }

    LogActivity put(String field, String value) {
        event.put(field, value);
        return this;
    }

    /** {@code duration_ms} from the attribute, as sent (a string of digits is read as the number). */
    LogActivity duration(String attribute) {
        AnyValue value = record.attribute(attribute);
        if (value != null) {
            event.set("duration_ms", OtlpValues.count(value));
        }
        return this;
    }

    /** {@code status} ok or error from a success flag ({@code true} / {@code "true"}); left out otherwise. */
    LogActivity success(String attribute) {
        flag(record.attribute(attribute)).ifPresent(ok -> event.put("status",
                (ok ? ActivityStatus.OK : ActivityStatus.ERROR).wire()));
        return this;
    }

    LogActivity status(ActivityStatus status) {
        if (status != null) {
            event.put("status", status.wire());
        }
        return this;
    }

    /**
     * A part of the payload: the attribute's text when the agent sent it (the agents send prompt and tool text only
     * under their own opt-in). With several parts each is on its own line after its {@code label}. A redaction
     * marker is no text: without the opt-in Claude Code 2.1 sends {@code prompt} as {@code <REDACTED>} and Codex
     * 0.171 as {@code [REDACTED]}.
     */
    LogActivity payload(String label, String attribute) {
        OtlpValues.asText(record.attribute(attribute)).filter(text -> !text.isBlank() && !redacted(text))
                .ifPresent(text -> payload.add(label + ": " + text));
        return this;
    }

    /** The markers the agents send in place of text they keep back. */
    static boolean redacted(String text) {
        String t = text.strip();
        return t.equals("<REDACTED>") || t.equals("[REDACTED]");
    }

    /** A line of the payload that is not an attribute's text (e.g. who made a decision). */
    LogActivity note(String text) {
        payload.add("note: " + text);
        return this;
    }

    ObjectNode build() {
        if (payload.size() == 1) {
            String only = payload.get(0);
            event.put("payload", only.substring(only.indexOf(": ") + 2));
        } else if (!payload.isEmpty()) {
            event.put("payload", String.join("\n", payload));
        }
        return event;
    }

    /** A boolean sent as a bool or as the text true / false. */
    static Optional<Boolean> flag(AnyValue value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueCase() == AnyValue.ValueCase.BOOL_VALUE) {
            return Optional.of(value.getBoolValue());
        }
        return OtlpValues.text(value).map(text -> text.strip().toLowerCase(Locale.ROOT)).flatMap(text ->
                text.equals("true") ? Optional.of(true) : text.equals("false") ? Optional.of(false)
                        : Optional.empty());
    }
}
