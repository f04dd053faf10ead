package io.agentmeter.query.capabilities;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What this server can answer, so that clients can gate features on it. */
@Schema(name = "Capabilities")
public record Capabilities(
        String apiVersion,
        List<String> endpoints,
        List<String> metrics,
        List<String> intervals,
        List<String> groupBy,
        List<String> sessionSorts,
        List<String> heatmapMetrics,
        List<String> formats,
        List<String> roles,
        List<String> developerOnly,
        Limits limits,
        @Schema(description = "The live stream (GET /v1/live, Server-Sent Events)") Live live,
        @Schema(description = "The ingest gateway's URL, where recordings start and stop; null when not configured")
        String gatewayUrl) {

    /** The bounds of every query. */
    @Schema(name = "Limits")
    public record Limits(long maxRangeDays, int maxLimit, int maxPoints, int maxCompared) {
    }

    /** What the live stream sends and how often. */
    @Schema(name = "LiveCapabilities")
    public record Live(String path, List<String> events, String resumeHeader, long activeWindowSeconds,
                       long sessionsIntervalSeconds, long heartbeatSeconds, int maxStreamsPerTenant) {
    }
}
