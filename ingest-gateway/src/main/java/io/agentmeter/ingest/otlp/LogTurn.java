package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A turn event being built from one agent log record, as a JSON tree: fields the record does not have are left out
 * (not reported), and values are copied as sent for the validator to judge, as {@link SpanMapper} does for spans. What
 * every agent mapping shares (the id, times, agent, user, duration) is here; each mapper adds its own fields.
 */
final class LogTurn {

    private final OtlpLogRecord record;
    private final ObjectNode event = OtlpValues.NODES.objectNode();
    private final ObjectNode usage = OtlpValues.NODES.objectNode();
    private final ObjectNode labels = OtlpValues.NODES.objectNode();

    /**
     * The event's {@code schema_version}, {@code event_id} and {@code occurred_at} (the record's time, see
     * {@link OtlpLogRecord#epochNanos}; left out when the record has none, so the validator names it).
     */
    LogTurn(OtlpLogRecord record, String eventId) {
        this.record = record;
        event.put("schema_version", 1);
        event.put("event_id", eventId);
        record.epochNanos().ifPresent(nanos -> event.put("occurred_at", OtlpValues.time(nanos)));
    }

    /** A string field from a string attribute, when present and not blank. */
    LogTurn text(String field, String attribute) {
        record.text(attribute).ifPresent(value -> event.put(field, value));
        return this;
    }

    LogTurn put(String field, String value) {
        event.put(field, value);
        return this;
    }

    /** The agent, see {@link AgentCli#agent}. */
    LogTurn agent(AgentCli cli) {
        return put("agent", cli.agent(record));
    }

    /**
     * {@code user_id}: the account id ({@code user.account_uuid}, {@code user.account_id}); else the e-mail address,
     * hashed ({@code sha256:} + hex of SHA-256 of the trimmed, lower-cased address), so no address is stored; else
     * {@code user.id} (Claude Code's per-installation id).
     */
    LogTurn user() {
        userOf(record).ifPresent(id -> event.put("user_id", id));
        return this;
    }

    /** The record's user, as {@link #user()} reads it (activity events take the same). */
    static Optional<String> userOf(OtlpLogRecord record) {
        return record.text("user.account_uuid")
                .or(() -> record.text("user.account_id"))
                .or(() -> record.text("user.email").map(LogTurn::emailHash))
                .or(() -> record.text("user.id"));
    }

    /**
     * {@code duration_ms} from the attribute, and {@code started_at} = {@code occurred_at} - duration (the agents log
     * a request when its answer is complete).
     */
    LogTurn duration(String attribute) {
        AnyValue value = record.attribute(attribute);
        if (value == null) {
            return this;
        }
        event.set("duration_ms", OtlpValues.count(value));
        OptionalLong millis = OtlpValues.wholeCount(value);
        Optional<Long> end = record.epochNanos();
        if (millis.isPresent() && millis.getAsLong() >= 0 && millis.getAsLong() < Long.MAX_VALUE / 1_000_000L
                && end.isPresent()) {
            event.put("started_at", OtlpValues.time(end.get() - millis.getAsLong() * 1_000_000L));
        }
        return this;
    }

    /** A usage count; left out when null (the attribute was absent: not reported). */
    LogTurn usage(String field, JsonNode count) {
        if (count != null) {
            usage.set(field, count);
        }
        return this;
    }

    /** A usage count copied from one attribute. */
    LogTurn usage(String field, String attribute) {
        AnyValue value = record.attribute(attribute);
        return usage(field, value == null ? null : OtlpValues.count(value));
    }

    /** A label from a scalar attribute, as text. */
    LogTurn label(String label, String attribute) {
        OtlpValues.asText(record.attribute(attribute)).ifPresent(value -> labels.put(label, value));
        return this;
    }

    ObjectNode build() {
        if (!usage.isEmpty()) {
            event.set("usage", usage);
        }
        if (!labels.isEmpty()) {
            event.set("labels", labels);
        }
        return event;
    }

    static String emailHash(String email) {
        return "sha256:" + HexFormat.of().formatHex(EventIds.sha256(email.strip().toLowerCase(Locale.ROOT)));
    }
}
