package io.agentmeter.schema.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.validation.ActivityPayload;
import io.agentmeter.schema.validation.ActivityValidator;
import io.agentmeter.schema.validation.JsonSize;
import io.agentmeter.schema.validation.ReadResult;
import io.agentmeter.schema.validation.Violation;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one way any module turns input into an {@link ActivityEvent}: parse, cut an oversized payload
 * ({@link ActivityPayload}), check with {@link ActivityValidator}, bind. The result is the event or every problem
 * found; input never causes an exception. Parsing is as strict as the turn event reader's (a duplicate key, or
 * anything after the event, is an error). Thread-safe; share one.
 */
public final class ActivityEventReader {

    /** Raw input larger than this is not parsed at all (a payload is cut, but only after parsing). */
    public static final int MAX_RAW_BYTES = 8 * 1024 * 1024;

    private static final ObjectReader TREE = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader BIND = Json.mapper().readerFor(ActivityEvent.class);

    /** What {@link ReadResult#orElseThrow()} throws for input that is not a valid activity event (the writer's refusal). */
    private static final Function<List<Violation>, IllegalArgumentException> INVALID =
            violations -> new IllegalArgumentException("not a valid activity event: " + Violation.summary(violations));

    private final ActivityValidator validator;

    public ActivityEventReader() {
        this(new ActivityValidator());
    }

    public ActivityEventReader(Clock clock) {
        this(new ActivityValidator(clock));
    }

    public ActivityEventReader(ActivityValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** Reads one event from UTF-8 JSON bytes (a Kafka record value, an NDJSON line). */
    public ReadResult<ActivityEvent> read(byte[] json) {
        if (json == null) {
            return invalid("$", "is missing: no payload (null)");
        }
        if (json.length > MAX_RAW_BYTES) {
            return invalid("$", "is " + json.length + " bytes, at most " + MAX_RAW_BYTES
                    + " are read");
        }
        JsonNode tree;
        try {
            tree = TREE.readTree(json);
        } catch (JsonProcessingException e) {
            return invalid("$", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            return invalid("$", "is not valid JSON: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            return invalid("$", "is empty; expected a JSON object");
        }
        return read(tree);
    }

    /**
     * Reads one event from a parsed tree. An object's oversized payload is cut in place (the tree is changed), then
     * the event is judged; a tree over {@link ActivityValidator#MAX_EVENT_BYTES} as compact JSON after the cut is
     * rejected.
     */
    public ReadResult<ActivityEvent> read(JsonNode tree) {
        if (tree == null || tree.isMissingNode()) {
            return invalid("$", "is missing: no event");
        }
        List<Violation> violations = check(tree);
        if (!violations.isEmpty()) {
            return ReadResult.invalid(violations, INVALID);
        }
        try {
            return ReadResult.valid(BIND.readValue(tree));
        } catch (IOException | RuntimeException e) {
            return invalid("$", "could not be read as an activity event: " + e.getMessage());
        }
    }

    /**
     * Cuts {@code tree}'s payload when too long (in place) and lists every problem of the result; empty when it is a
     * valid activity event. The gateway's path: it publishes the tree it checked.
     */
    public List<Violation> check(JsonNode tree) {
        if (tree instanceof ObjectNode event) {
            ActivityPayload.cutIn(event);
        }
        List<Violation> violations = validator.validate(tree);
        if (violations.isEmpty() && tree.isContainerNode()) {
            long bytes = JsonSize.compactBytes(tree);
            if (bytes > ActivityValidator.MAX_EVENT_BYTES) {
                return List.of(new Violation("$", "is " + bytes + " bytes as compact JSON with its payload cut, at"
                        + " most " + ActivityValidator.MAX_EVENT_BYTES + " are allowed"));
            }
        }
        return violations;
    }

    /** Every problem with an event built in code (an importer), judged as if it arrived as JSON (payload cut). */
    public List<Violation> validate(ActivityEvent event) {
        return check(ActivityEventWriter.toTree(Objects.requireNonNull(event, "event")));
    }

    private static ReadResult<ActivityEvent> invalid(String path, String reason) {
        return ReadResult.invalid(path, reason, INVALID);
    }
}
