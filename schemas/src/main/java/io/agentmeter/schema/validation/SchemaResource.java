package io.agentmeter.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A published JSON Schema (draft 2020-12) on the classpath: its bytes, for users and tests, and its tree, parsed once,
 * the source of a validator's structural checks ({@link SchemaChecks}). One constant per published schema.
 */
public final class SchemaResource {

    /**
     * The turn event, v1: for serving to users (e.g. next to the OpenAPI document) and for tests, and the source of
     * {@link TurnValidator}'s structural checks and of the declarative {@link TurnLimits}.
     */
    public static final SchemaResource TURN_EVENT = new SchemaResource("/schemas/turn-event.v1.schema.json",
            "https://agentmeter.io/schemas/turn-event.v1.schema.json");

    /** The activity event, v1: for users and tests, and the source of {@link ActivityValidator}'s structural checks. */
    public static final SchemaResource ACTIVITY_EVENT = new SchemaResource("/schemas/activity-event.v1.schema.json",
            "https://agentmeter.io/schemas/activity-event.v1.schema.json");

    private final String resource;
    private final String id;
    private volatile JsonNode tree;

    private SchemaResource(String resource, String id) {
        this.resource = resource;
        this.id = id;
    }

    /** Classpath location of the schema. */
    public String resource() {
        return resource;
    }

    /** The schema's {@code $id}. */
    public String id() {
        return id;
    }

    /** The schema document as UTF-8 JSON bytes. */
    public byte[] bytes() {
        try (InputStream in = SchemaResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The schema as a tree, parsed once; shared within this package and never modified. */
    JsonNode tree() {
        JsonNode parsed = tree;
        if (parsed == null) {
            synchronized (this) {
                parsed = tree;
                if (parsed == null) {
                    parsed = parse();
                    tree = parsed;
                }
            }
        }
        return parsed;
    }

    private JsonNode parse() {
        try {
            return Json.mapper().readTree(bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + resource, e);
        }
    }

    @Override
    public String toString() {
        return resource;
    }
}
