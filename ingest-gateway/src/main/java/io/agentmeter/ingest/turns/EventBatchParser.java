package io.agentmeter.ingest.turns;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.validation.Violation;
import java.io.IOException;

/**
 * Splits a body into event trees, one at a time, without building a tree of the whole body: a JSON object (one
 * event), a JSON array of events, or NDJSON lines. Items are parsed as strictly as
 * {@link io.agentmeter.schema.event.TurnEventReader} parses (a duplicate key is an error, decimals stay exact).
 *
 * <p>In NDJSON each line stands alone, so a line that is not JSON rejects that item only. In a JSON body a syntax
 * error leaves no way to find where the next item starts, so it rejects the whole body (400 naming line and column).
 */
public final class EventBatchParser {

    private static final ObjectReader TREE = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    /** For items of an array: what follows an item is the rest of the array, not trailing garbage. */
    private static final ObjectReader ITEM = TREE.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Receives each item in order; {@code index} counts items from 0. */
    public interface ItemHandler {

        /**
         * An item that parsed as JSON (any JSON value: the validator judges whether it is an event).
         *
         * @param source the item's bytes as sent are {@code source[offset, offset + length)}
         */
        void item(int index, JsonNode node, byte[] source, int offset, int length);

        /** An NDJSON line that is not JSON. */
        void unreadable(int index, Violation violation);
    }

    private EventBatchParser() {
    }

    /**
     * Feeds every item of {@code body} to {@code handler} and returns how many there were.
     *
     * @throws ApiException 413 when there are more than {@code maxEvents} items; 400 when a JSON body is not JSON or
     *                      is neither an object nor an array
     */
    public static int parse(byte[] body, BatchFormat format, int maxEvents, ItemHandler handler) {
        return format == BatchFormat.JSON ? parseJson(body, maxEvents, handler) : parseLines(body, maxEvents, handler);
    }

    private static int parseJson(byte[] body, int maxEvents, ItemHandler handler) {
        int count = 0;
        try (JsonParser parser = ITEM.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ApiException.badRequest("empty_body", "body", "holds no JSON value; send one or more turn events");
            }
            if (first == JsonToken.START_OBJECT) {
                item(parser, body, 0, handler);
                count = 1;
            } else if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (count == maxEvents) {
                        throw tooMany(maxEvents);
                    }
                    item(parser, body, count, handler);
                    count++;
                }
            } else {
                throw ApiException.badRequest("malformed_body", "body",
                        "must be a turn event object or an array of them, got " + describe(first));
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw ApiException.badRequest("malformed_body", "body", "has more after the "
                        + (first == JsonToken.START_OBJECT ? "event" : "array") + where(parser.currentTokenLocation())
                        + "; send several events as an array or as application/x-ndjson");
            }
            return count;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "body", "is not valid JSON"
                    + (count > 0 ? " at item " + count : "") + ": " + e.getOriginalMessage() + where(e.getLocation()));
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "body", "could not be read as JSON: " + e.getMessage());
        }
    }

    /** Reads the value at the parser's current token and hands it over with the bytes it was read from. */
    private static void item(JsonParser parser, byte[] body, int index, ItemHandler handler) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        JsonNode node = ITEM.readTree(parser);
        long end = parser.currentLocation().getByteOffset();
        handler.item(index, node, body, (int) start, (int) (end - start));
    }

    private static int parseLines(byte[] body, int maxEvents, ItemHandler handler) {
        int count = 0;
        int start = 0;
        while (start < body.length) {
            int end = indexOf(body, (byte) '\n', start);
            int lineEnd = end < 0 ? body.length : end;
            if (!isBlank(body, start, lineEnd)) {
                if (count == maxEvents) {
                    throw tooMany(maxEvents);
                }
                parseLine(body, start, lineEnd - start, count, handler);
                count++;
            }
            start = lineEnd + 1;
        }
        return count;
    }

    private static void parseLine(byte[] body, int offset, int length, int index, ItemHandler handler) {
        JsonNode node;
        try {
            node = TREE.readTree(body, offset, length);
        } catch (JsonProcessingException e) {
            handler.unreadable(index, new Violation("$", "is not valid JSON: " + e.getOriginalMessage()
                    + column(e.getLocation())));
            return;
        } catch (IOException e) {
            handler.unreadable(index, new Violation("$", "is not valid JSON: " + e.getMessage()));
            return;
        }
        handler.item(index, node, body, offset, length);
    }

    private static ApiException tooMany(int maxEvents) {
        return ApiException.of(413, "too_many_events", "body",
                "holds more than " + maxEvents + " events; split it into batches of at most " + maxEvents);
    }

    private static int indexOf(byte[] bytes, byte target, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String column(JsonLocation location) {
        if (location == null || location.getColumnNr() < 0) {
            return "";
        }
        return " (column " + location.getColumnNr() + ")";
    }
}
