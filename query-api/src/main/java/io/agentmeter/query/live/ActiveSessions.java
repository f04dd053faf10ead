package io.agentmeter.query.live;

import io.agentmeter.query.sessions.SessionItem;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The data of a {@code sessions} event: the sessions with a turn in the last {@code active_window_seconds}. */
@Schema(name = "ActiveSessions")
public record ActiveSessions(
        Instant at,
        long activeWindowSeconds,
        @Schema(description = "Latest turn first; at most agentmeter.live.active-limit") List<SessionItem> sessions) {
}
