package io.agentmeter.schema.recording;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A recording: a named span of one user's turns, started and stopped from a developer's chat UI so that runs can be
 * compared side by side. The compacted recordings topic keeps the latest state per (tenant, user); while a user's
 * recording is active ({@code stoppedAt == null}) the aggregator tags that user's turns with its id.
 *
 * @param config an optional snapshot of the agent's configuration when the recording started
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recording(
        String tenantId,
        String recordingId,
        String userId,
        String name,
        ObjectNode config,
        Instant startedAt,
        Instant stoppedAt) {

    @JsonIgnore
    public boolean isActive() {
        return stoppedAt == null;
    }

    /** Whether a turn that occurred at {@code at} falls inside this recording. */
    public boolean covers(Instant at) {
        return !at.isBefore(startedAt) && (stoppedAt == null || at.isBefore(stoppedAt));
    }

    public Recording stoppedAt(Instant at) {
        return new Recording(tenantId, recordingId, userId, name, config, startedAt, at);
    }
}
