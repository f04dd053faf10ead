package io.agentmeter.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.validation.Rfc3339;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;

/** Null-safe reading of the fields of a log line. Absent and JSON null are the same: not reported. */
final class JsonFields {

    /** Epoch numbers above this are milliseconds, below seconds (1e11 s is the year 5138). */
    private static final long EPOCH_MILLIS_ABOVE = 100_000_000_000L;

    private JsonFields() {
    }

    /** The node at {@code path}, or null when any step is absent or null. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(step);
        }
        return current == null || current.isNull() || current.isMissingNode() ? null : current;
    }

    /** The non-blank text at {@code path}, or null. Numbers are not text. */
    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        return value.asText();
    }

    /** The first non-blank text among {@code fields} of {@code node}, or null. */
    static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The object at {@code path}, or null when absent or not an object. */
    static JsonNode object(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value != null && value.isObject() ? value : null;
    }

    /**
     * A token count: null when absent, else a whole number &ge; 0.
     *
     * @param name how to name the field in a problem, e.g. {@code message.usage.input_tokens}
     * @throws BadLineException for a string, a fraction, a negative number or anything else
     */
    static Long count(JsonNode node, String field, String name) throws BadLineException {
        JsonNode value = at(node, field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new BadLineException(name + " must be a number, got " + show(value));
        }
        BigDecimal decimal = value.decimalValue();
        BigInteger whole;
        try {
            whole = decimal.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new BadLineException(name + " must be a whole number, got " + show(value));
        }
        if (whole.signum() < 0) {
            throw new BadLineException(name + " must not be negative, got " + show(value));
        }
        if (whole.bitLength() > 62) {
            throw new BadLineException(name + " is too large, got " + show(value));
        }
        return whole.longValue();
    }

    /** A decimal (a cost), exactly as written; null when absent. */
    static BigDecimal decimal(JsonNode node, String field, String name) throws BadLineException {
        JsonNode value = at(node, field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new BadLineException(name + " must be a number, got " + show(value));
        }
        return value.decimalValue();
    }

    /**
     * A time: an RFC 3339 string, or a number of seconds (or, above 1e11, milliseconds) since the epoch. Null when
     * absent.
     */
    static Instant time(JsonNode node, String field, String name) throws BadLineException {
        JsonNode value = at(node, field);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return Rfc3339.parse(value.asText());
            } catch (DateTimeException e) {
                throw new BadLineException(name + " is not an RFC 3339 time: " + show(value));
            }
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
            long epoch = value.asLong();
            return epoch > EPOCH_MILLIS_ABOVE ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch);
        }
        if (value.isNumber() && value.decimalValue().signum() > 0) {
            BigDecimal seconds = value.decimalValue();
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        throw new BadLineException(name + " is not a time: " + show(value));
    }

    static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    /** A value for a message, cut at 40 characters. */
    static String show(JsonNode value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
