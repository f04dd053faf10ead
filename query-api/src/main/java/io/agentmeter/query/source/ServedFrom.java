package io.agentmeter.query.source;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where an answer's figures were read: a rollup table (and how many ranges of each window size) plus the ranges read
 * from the turns table, or the turns table alone. For transparency and for tests; the figures are the same either
 * way.
 */
@Schema(name = "ServedFrom")
public record ServedFrom(
        @Schema(description = "model_rollups, agent_rollups, tool_rollups or null") String rollupTable,
        @Schema(description = "Per window size (1d, 1h, 1m), how many ranges of windows were read") Map<String,
                Integer> windowRanges,
        @Schema(description = "How many time ranges were read from the turns table") int turnRanges) {
}
