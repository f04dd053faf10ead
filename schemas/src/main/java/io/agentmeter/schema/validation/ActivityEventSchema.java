package io.agentmeter.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The published JSON Schema (draft 2020-12) of the activity event, v1: a classpath resource, for users and tests,
 * and the source of {@link ActivityValidator}'s structural checks ({@link SchemaChecks}).
 */
public final class ActivityEventSchema {

    /** Classpath location of the schema. */
    public static final String RESOURCE = "/schemas/activity-event.v1.schema.json";

    /** The schema's {@code $id}. */
    public static final String ID = "https://agentmeter.io/schemas/activity-event.v1.schema.json";

    private ActivityEventSchema() {
    }

    /** The schema document as UTF-8 JSON bytes. */
    public static byte[] bytes() {
        try (InputStream in = ActivityEventSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The schema as a tree, parsed once; shared within this package and never modified. */
    static JsonNode tree() {
        return Tree.SCHEMA;
    }

    private static final class Tree {

        static final JsonNode SCHEMA = parse();

        private static JsonNode parse() {
            try {
                return Json.mapper().readTree(bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot parse " + RESOURCE, e);
            }
        }
    }
}
