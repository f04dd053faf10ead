package io.agentmeter.schema.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.UncheckedIOException;

/**
 * Writes an {@link ActivityEvent} as v1 JSON: snake_case, null fields left out, times as RFC 3339 in UTC. What it
 * writes, {@link ActivityEventReader} reads back equal. Thread-safe.
 */
public final class ActivityEventWriter {

    private static final ObjectWriter WRITER = Json.mapper().writerFor(ActivityEvent.class);

    private ActivityEventWriter() {
    }

    public static byte[] toBytes(ActivityEvent event) {
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write activity event " + event.eventId() + " as JSON", e);
        }
    }

    public static String toJson(ActivityEvent event) {
        try {
            return WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write activity event " + event.eventId() + " as JSON", e);
        }
    }

    public static ObjectNode toTree(ActivityEvent event) {
        return Json.mapper().valueToTree(event);
    }
}
