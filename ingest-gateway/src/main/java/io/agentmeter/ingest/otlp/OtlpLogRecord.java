package io.agentmeter.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One OTLP log record with the resource that sent it: its event name, its attributes (the record's, else the
 * resource's) and its time. What the agents' exporters actually send differs from agent to agent, and this class
 * absorbs those differences so that the mappers read one shape.
 */
final class OtlpLogRecord {

    /** A dotted event name such as {@code claude_code.api_request}, as opposed to a sentence in the body. */
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+");
    private static final int MAX_NAME_CHARS = 128;

    private final LogRecord record;
    private final Map<String, AnyValue> attributes;
    private final Map<String, AnyValue> resource;
    private final String scopeName;

    OtlpLogRecord(LogRecord record, Resource resource, InstrumentationScope scope) {
        this.record = record;
        this.attributes = OtlpValues.byKey(record.getAttributesList());
        this.resource = OtlpValues.byKey(resource.getAttributesList());
        this.scopeName = scope.getName();
    }

    LogRecord record() {
        return record;
    }

    String scopeName() {
        return scopeName;
    }

    /**
     * The names the record may go by, most specific first: the record's {@code event_name} field (OTLP 1.5+), a body
     * that is a dotted event name (Claude Code writes {@code claude_code.api_request} there and only {@code
     * api_request} in {@code event.name}), and the {@code event.name} attribute (Codex, Gemini CLI).
     */
    List<String> nameCandidates() {
        List<String> names = new ArrayList<>(3);
        if (!record.getEventName().isBlank()) {
            names.add(record.getEventName());
        }
        OtlpValues.text(record.getBody()).filter(body -> body.length() <= MAX_NAME_CHARS
                && EVENT_NAME.matcher(body).matches()).ifPresent(names::add);
        OtlpValues.text(attributes, "event.name").ifPresent(names::add);
        return names;
    }

    /** The record's attribute {@code key}, else the resource's (some agents put session and user there). */
    AnyValue attribute(String key) {
        AnyValue value = attributes.get(key);
        return value != null ? value : resource.get(key);
    }

    Optional<String> text(String key) {
        return OtlpValues.text(attribute(key));
    }

    Optional<String> resourceText(String key) {
        return OtlpValues.text(resource.get(key));
    }

    /**
     * When the event happened, in epoch nanoseconds: the record's time, else its {@code event.timestamp} attribute
     * (RFC 3339), else the time the SDK observed it. Codex's exporter sends {@code timeUnixNano} 0 with only the other
     * two set. Empty when none is usable.
     */
    Optional<Long> epochNanos() {
        if (record.getTimeUnixNano() != 0) {
            return Optional.of(record.getTimeUnixNano());
        }
        Optional<Long> stamped = text("event.timestamp").flatMap(OtlpLogRecord::parseNanos);
        if (stamped.isPresent()) {
            return stamped;
        }
        return record.getObservedTimeUnixNano() != 0 ? Optional.of(record.getObservedTimeUnixNano())
                : Optional.empty();
    }

    private static Optional<Long> parseNanos(String timestamp) {
        try {
            var instant = OffsetDateTime.parse(timestamp.strip()).toInstant();
            return Optional.of(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
                    instant.getNano()));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
