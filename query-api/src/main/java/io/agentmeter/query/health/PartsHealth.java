package io.agentmeter.query.health;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every part's state as the query API sees it ({@code GET /v1/health/parts}). */
@Schema(name = "PartsHealth")
public record PartsHealth(
        @Schema(description = "When the parts were probed; answers are reused for agentmeter.health.cache-ttl")
        Instant checkedAt,
        @Schema(description = "query_api, postgresql, gateway, kafka, aggregator, writer, in this order")
        List<PartState> parts) {
}
