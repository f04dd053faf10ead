package io.agentmeter.query.sessions;

import io.agentmeter.query.figures.FiguresView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One session with its totals over all its turns. */
@Schema(name = "Session")
public record SessionItem(
        String sessionId,
        @Schema(description = "The latest project a turn of the session reported") String project,
        @Schema(description = "The latest agent a turn of the session reported") String agent,
        String userId,
        Instant firstSeen,
        Instant lastSeen,
        @Schema(description = "last_seen - first_seen, ms") long durationMs,
        @Schema(description = "Highest context_used_tokens reported; null when none was") Long contextPeakTokens,
        Long contextMaxTokens,
        List<String> models,
        FiguresView figures) {
}
