package io.agentmeter.schema.rollup;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.Keys;
import java.time.Instant;

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

    /**
     * The key of a windowed rollup: {@code [tenant, size, start, dimensions...]}, each dimension not reported as
     * {@code ""}; the dimensions are project, provider and model, the agent, or the tool.
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
}
