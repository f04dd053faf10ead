package io.agentmeter.schema.rollup;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.kafka.Keys;
import java.time.Instant;
import java.util.List;

/**
 * Record keys of the rollup topics. Session rollups use {@link Keys#session}. Windowed rollups use a JSON array of
 * the tenant, the window and the dimensions, e.g. {@code ["acme","1h","2026-01-01T10:00:00Z","proj","openai","gpt-5"]}:
 * unambiguous whatever the names hold, and readable with any Kafka client. A dimension not reported is {@code ""}.
 */
public final class RollupKeys {

    private RollupKeys() {
    }

    public static String session(String tenantId, String sessionId) {
        return Keys.session(tenantId, sessionId);
    }

    /** The grouping key of a model rollup before windowing: {@code [tenant, project, provider, model]}. */
    public static String model(String tenantId, String project, String provider, String model) {
        return array(tenantId, dimension(project), dimension(provider), model);
    }

    public static String agent(String tenantId, String agent) {
        return array(tenantId, dimension(agent));
    }

    public static String tool(String tenantId, String tool) {
        return array(tenantId, dimension(tool));
    }

    /** A grouping key placed in a window: {@code [tenant, size, start, dimensions...]}. */
    public static String windowed(String groupingKey, WindowSize size, Instant start) {
        List<String> parts = parse(groupingKey);
        String[] out = new String[parts.size() + 2];
        out[0] = parts.get(0);
        out[1] = size.label();
        out[2] = start.toString();
        for (int i = 1; i < parts.size(); i++) {
            out[i + 2] = parts.get(i);
        }
        return array(out);
    }

    /**
     * A windowed key built directly: {@code [tenant, size, start, dimensions...]} (each dimension not reported as
     * {@code ""}), the same text as {@link #windowed(String, WindowSize, Instant)} of the grouping key, without
     * parsing it (the sink builds several a turn).
     */
    public static String windowed(String tenantId, WindowSize size, Instant start, String... dimensions) {
        String[] out = new String[dimensions.length + 3];
        out[0] = tenantId;
        out[1] = size.label();
        out[2] = start.toString();
        for (int i = 0; i < dimensions.length; i++) {
            out[i + 3] = dimension(dimensions[i]);
        }
        return array(out);
    }

    /** {@code ""} for a dimension that was not reported. */
    public static String dimension(String value) {
        return value == null ? "" : value;
    }

    private static String array(String... parts) {
        try {
            return Json.mapper().writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> parse(String key) {
        try {
            return List.of(Json.mapper().readValue(key, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a rollup key: " + key, e);
        }
    }
}
