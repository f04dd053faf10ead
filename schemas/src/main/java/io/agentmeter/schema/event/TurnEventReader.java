package io.agentmeter.schema.event;

import static io.agentmeter.schema.validation.TurnLimits.MAX_EVENT_BYTES;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.validation.JsonSize;
import io.agentmeter.schema.validation.ReadResult;
import io.agentmeter.schema.validation.Rfc3339;
import io.agentmeter.schema.validation.TurnValidator;
import io.agentmeter.schema.validation.Violation;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The one way any module turns input into a {@link TurnEvent}: parse, check with {@link TurnValidator}, bind. The
 * result is either the event or every problem found; input never causes an exception or a null that flows on.
 *
 * <p>Parsing is strict where leniency would hide a bug: a duplicate key, or anything after the event (two events in
 * one Kafka record), is an error. Numbers are read as exact decimals, trailing zeros kept, so
 * {@code reported_cost_usd} is exactly what was sent. Times are read by {@link Rfc3339}, the same parser the
 * validator uses.
 *
 * <p>Thread-safe; build one and share it. Readers are built once; a read costs one parse, one walk of the tree and
 * one bind.
 */
public final class TurnEventReader {

    private static final ObjectReader TREE = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    private static final ObjectReader BIND = Json.mapper().copy()
            .registerModule(new SimpleModule("agentmeter-rfc3339").addDeserializer(Instant.class, new InstantReader()))
            .readerFor(TurnEvent.class);

    private final TurnValidator validator;

    /** A reader that judges {@code occurred_at} against the system clock. */
    public TurnEventReader() {
        this(new TurnValidator());
    }

    /** A reader that judges {@code occurred_at} against {@code clock} (tests, replays). */
    public TurnEventReader(Clock clock) {
        this(new TurnValidator(clock));
    }

    public TurnEventReader(TurnValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Reads one event from UTF-8 JSON bytes: an HTTP body, an NDJSON line, a Kafka record value. Bytes over
     * {@link io.agentmeter.schema.validation.TurnLimits#MAX_EVENT_BYTES} are rejected before parsing; bytes that are
     * not JSON give one violation at {@code $} with the parser's message; a null payload (a Kafka tombstone) is a
     * violation too.
     */
    public ReadResult<TurnEvent> read(byte[] json) {
        if (json == null) {
            return invalid("$", "is missing: no payload (null)");
        }
        if (json.length > MAX_EVENT_BYTES) {
            return invalid("$", "is " + json.length + " bytes, at most " + MAX_EVENT_BYTES
                    + " are allowed");
        }
        JsonNode tree;
        try {
            tree = TREE.readTree(json);
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (e instanceof MismatchedInputException && message.startsWith("Trailing token")) {
                return invalid("$", "is not one JSON value: more content follows the event"
                        + where(e.getLocation()) + "; send one event per payload or NDJSON line");
            }
            return invalid("$", "is not valid JSON: " + message + where(e.getLocation()));
        } catch (IOException | RuntimeException e) {
            return invalid("$", "is not valid JSON: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            return invalid("$", "is empty; expected a JSON object");
        }
        return check(tree);
    }

    /**
     * Reads one event from a parsed tree, e.g. an item of a JSON batch. Parse with {@link Json#mapper()} so decimals
     * stay exact. A tree whose compact JSON exceeds
     * {@link io.agentmeter.schema.validation.TurnLimits#MAX_EVENT_BYTES} is rejected.
     */
    public ReadResult<TurnEvent> read(JsonNode json) {
        if (json == null || json.isMissingNode()) {
            return invalid("$", "is missing: no event");
        }
        if (json.isContainerNode()) {
            long bytes = JsonSize.compactBytes(json);
            if (bytes > MAX_EVENT_BYTES) {
                return invalid("$", "is " + bytes + " bytes as compact JSON, at most " + MAX_EVENT_BYTES
                        + " are allowed");
            }
        }
        return check(json);
    }

    /**
     * Every problem with an event built in code (an importer, a test), judged exactly like one that arrived as JSON;
     * empty when it is valid.
     */
    public List<Violation> validate(TurnEvent event) {
        return validator.validate(TurnEventWriter.toTree(Objects.requireNonNull(event, "event")));
    }

    private ReadResult<TurnEvent> check(JsonNode tree) {
        List<Violation> violations = validator.validate(tree);
        if (!violations.isEmpty()) {
            return ReadResult.invalid(violations, InvalidTurnEventException::new);
        }
        try {
            return ReadResult.valid(BIND.readValue(tree));
        } catch (IOException | RuntimeException e) {
            // Not expected: the validator admits only what binds. Kept so a gap still ends as a violation.
            return invalid("$", "could not be read as a turn event: " + e.getMessage());
        }
    }

    private static ReadResult<TurnEvent> invalid(String path, String reason) {
        return ReadResult.invalid(path, reason, InvalidTurnEventException::new);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Binds times with {@link Rfc3339}, so binding accepts exactly what the validator accepted. */
    private static final class InstantReader extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        InstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return Rfc3339.parse(p.getText());
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), e.getMessage());
            }
        }
    }
}
