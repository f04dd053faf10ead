package io.agentmeter.schema.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.UncheckedIOException;

/**
 * Writes a {@link TurnEvent} as v1 JSON: snake_case, null fields left out (not reported stays not reported, never
 * 0), times as RFC 3339 in UTC, decimals exactly. What it writes, {@link TurnEventReader} reads back equal.
 * Thread-safe.
 */
public final class TurnEventWriter {

    private static final ObjectWriter WRITER = Json.mapper().writerFor(TurnEvent.class);

    private TurnEventWriter() {
    }

    public static byte[] toBytes(TurnEvent event) {
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write turn event " + event.eventId() + " as JSON", e);
        }
    }

    public static String toJson(TurnEvent event) {
        try {
            return WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write turn event " + event.eventId() + " as JSON", e);
        }
    }

    public static ObjectNode toTree(TurnEvent event) {
        return Json.mapper().valueToTree(event);
    }
}
