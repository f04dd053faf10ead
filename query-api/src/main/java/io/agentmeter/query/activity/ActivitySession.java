package io.agentmeter.query.activity;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session (run) with activity in the range: its entries of the range counted by kind. */
@Schema(name = "ActivitySession")
public record ActivitySession(
        String sessionId,
        @Schema(description = "The latest project an entry of the range reported; null when none did") String project,
        @Schema(description = "The latest agent an entry of the range reported") String agent,
        @Schema(description = "The latest user an entry of the range reported") String userId,
        Instant firstActivityAt,
        Instant lastActivityAt,
        @Schema(description = "Activity entries in the range") long entries,
        @Schema(description = "Entries in the range per kind; every kind present, 0 when none")
        Map<String, Long> kinds,
        @Schema(description = "Entries of kind error or with status error") long errorEntries,
        @Schema(description = "Whether the session has turns (at any time): its figures are at /v1/sessions/{id}")
        boolean hasTurns) {
}
