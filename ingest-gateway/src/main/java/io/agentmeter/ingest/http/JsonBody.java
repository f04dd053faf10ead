package io.agentmeter.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.validation.StorableText;
import io.agentmeter.schema.validation.TurnValidator;
import io.agentmeter.schema.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON request object (admin and recording requests) and the checks of its fields: every problem is collected
 * and {@link #requireValid()} answers 400 listing them all, each with its path.
 */
public final class JsonBody {

    /** Enough for any admin or recording request, config snapshot included. */
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_TEXT_CHARS = 256;
    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode body;
    private final List<Violation> violations = new ArrayList<>();

    private JsonBody(ObjectNode body) {
        this.body = body;
    }

    /** Reads a JSON object of at most {@link #MAX_BYTES}; 400/413/415 otherwise. */
    public static JsonBody read(InputStream in, BodyHeaders headers) {
        String contentType = headers.contentType();
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (!type.equalsIgnoreCase("application/json")) {
            throw ApiException.of(415, "unsupported_media_type", "Content-Type",
                    "must be application/json, got " + (type.isEmpty() ? "none" : type));
        }
        byte[] bytes = BodyReader.read(in, BodyReader.encoding(headers.contentEncoding()), headers.contentLength(),
                MAX_BYTES);
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "body", "is not valid JSON: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ApiException.badRequest("invalid_request", "$", "must be a JSON object");
        }
        return new JsonBody(object);
    }

    /** A required non-blank string of at most {@code maxChars}; null (and a violation) otherwise. */
    public String requiredText(String field, int maxChars) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            fail(field, "is required");
            return null;
        }
        return text(field, node, maxChars);
    }

    public String optionalText(String field, int maxChars) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : text(field, node, maxChars);
    }

    /** An optional boolean: {@code fallback} when absent or null; a violation when it is not true or false. */
    public boolean optionalBoolean(String field, boolean fallback) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? fallback : bool(field, node, fallback);
    }

    /** A required boolean; null (and a violation) when absent or not true or false. */
    public Boolean requiredBoolean(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            fail(field, "is required");
            return null;
        }
        return bool(field, node, null);
    }

    private Boolean bool(String field, JsonNode node, Boolean fallback) {
        if (!node.isBoolean()) {
            fail(field, "must be true or false");
            return fallback;
        }
        return node.booleanValue();
    }

    /**
     * An optional configuration snapshot (a JSON object), held to the rule of a turn's {@code params}
     * ({@link TurnValidator#configSnapshot}): storable text, numbers a double can hold, a bounded size.
     */
    public ObjectNode optionalSnapshot(String field) {
        JsonNode node = body.get(field);
        List<Violation> problems = TurnValidator.configSnapshot(field, node);
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            return null;
        }
        return node instanceof ObjectNode object ? object : null;
    }

    public void fail(String field, String reason) {
        violations.add(new Violation("$." + field, reason));
    }

    /** @throws ApiException 400 listing every problem found so far */
    public void requireValid() {
        if (!violations.isEmpty()) {
            throw ApiException.invalidFields(violations);
        }
    }

    private String text(String field, JsonNode node, int maxChars) {
        if (!node.isTextual()) {
            fail(field, "must be a string, got " + node.getNodeType().name().toLowerCase());
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            fail(field, "must not be blank");
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxChars) {
            fail(field, "is longer than " + maxChars + " characters");
            return null;
        }
        String problem = StorableText.problem(value);
        if (problem != null) {
            fail(field, problem);
            return null;
        }
        return value;
    }
}
