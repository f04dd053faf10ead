package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reading OTLP attribute values into turn event fields, shared by the span and log record mappers. Values are copied
 * as sent wherever the validator can judge them, so a bad value is rejected with the validator's reason (naming the
 * turn event field) rather than silently dropped or fixed here.
 */
final class OtlpValues {

    /** Exact decimals, so a cost or temperature is written digit for digit. */
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final int MAX_COUNT_DIGITS = 18;

    private OtlpValues() {
    }

    /** The attributes by key; the first of repeated keys wins (the spec forbids repeats, some SDKs send them). */
    static Map<String, AnyValue> byKey(List<KeyValue> attributes) {
        Map<String, AnyValue> map = new HashMap<>();
        for (KeyValue attribute : attributes) {
            map.putIfAbsent(attribute.getKey(), attribute.getValue());
        }
        return map;
    }

    /** A non-blank string value. */
    static Optional<String> text(AnyValue value) {
        if (value == null || value.getValueCase() != AnyValue.ValueCase.STRING_VALUE
                || value.getStringValue().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.getStringValue());
    }

    static Optional<String> text(Map<String, AnyValue> attributes, String key) {
        return text(attributes.get(key));
    }

    /**
     * A whole count however it was sent: an int, a whole double, or a string of digits (Codex writes most of its counts
     * as strings). Empty for anything else.
     */
    static OptionalLong wholeCount(AnyValue value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        return switch (value.getValueCase()) {
            case INT_VALUE -> OptionalLong.of(value.getIntValue());
            case DOUBLE_VALUE -> {
                double d = value.getDoubleValue();
                yield d == Math.rint(d) && Math.abs(d) < 9.0e15 ? OptionalLong.of((long) d) : OptionalLong.empty();
            }
            case STRING_VALUE -> {
                String s = value.getStringValue().strip();
                yield s.matches("-?\\d{1," + MAX_COUNT_DIGITS + "}") ? OptionalLong.of(Long.parseLong(s))
                        : OptionalLong.empty();
            }
            default -> OptionalLong.empty();
        };
    }

    /**
     * A token count for the event: whole counts as integers ({@link #wholeCount}), anything else as sent (a fraction, a
     * word, a list...), so the validator rejects it with its own reason.
     */
    static JsonNode count(AnyValue value) {
        OptionalLong whole = wholeCount(value);
        if (whole.isPresent()) {
            return NODES.numberNode(whole.getAsLong());
        }
        JsonNode scalar = scalar(value);
        return scalar == null ? NODES.textNode(value.getValueCase().name().toLowerCase(Locale.ROOT)) : scalar;
    }

    /**
     * The sum of counts that one provider reports in parts (Anthropic's input is uncached input + cache reads + cache
     * writes): null when the first part is absent (unknown stays unknown); absent later parts count as none, as the
     * price book reads them; a part that is not a whole count is returned as sent, for the validator to reject.
     */
    static JsonNode sum(AnyValue first, AnyValue... more) {
        if (first == null) {
            return null;
        }
        OptionalLong base = wholeCount(first);
        if (base.isEmpty()) {
            return count(first);
        }
        long total = base.getAsLong();
        for (AnyValue part : more) {
            if (part == null) {
                continue;
            }
            OptionalLong value = wholeCount(part);
            if (value.isEmpty()) {
                return count(part);
            }
            total += value.getAsLong();
        }
        return NODES.numberNode(total);
    }

    /** A string, integer, finite double (exact decimal) or boolean as JSON; null for other kinds. */
    static JsonNode scalar(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> NODES.textNode(value.getStringValue());
            case INT_VALUE -> NODES.numberNode(value.getIntValue());
            case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue())
                    ? NODES.numberNode(BigDecimal.valueOf(value.getDoubleValue())) : null;
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            default -> null;
        };
    }

    /** A scalar as text (a label value): numbers in their shortest exact form. */
    static Optional<String> asText(AnyValue value) {
        JsonNode scalar = value == null ? null : scalar(value);
        if (scalar == null) {
            return Optional.empty();
        }
        return Optional.of(scalar.isBigDecimal() ? scalar.decimalValue().toPlainString() : scalar.asText());
    }

    /** An RFC 3339 time (UTC) of epoch nanoseconds. */
    static String time(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos).toString();
    }
}
