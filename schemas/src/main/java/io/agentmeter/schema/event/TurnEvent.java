package io.agentmeter.schema.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One model turn of an agent: the turn event, schema v1 (see docs/turn-event.md and turn-event.schema.json).
 *
 * <p>Every optional field may be null, and null means "not reported", never zero. Token semantics follow
 * OpenTelemetry GenAI: input includes cached reads, reasoning is part of output.
 *
 * @param tenantId set by the ingest gateway from the API key; direct Kafka producers set it themselves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnEvent(
        Integer schemaVersion,
        String tenantId,
        String eventId,
        Instant occurredAt,
        String sessionId,
        String model,
        String provider,
        String project,
        String agent,
        String userId,
        String conversationId,
        String threadId,
        Integer turnIndex,
        Instant startedAt,
        Long durationMs,
        String status,
        String errorType,
        Usage usage,
        TokenBreakdown tokenBreakdown,
        ContextWindow context,
        List<ToolUse> tools,
        BigDecimal reportedCostUsd,
        ObjectNode params,
        Prompt prompt,
        Map<String, String> labels,
        String recordingId) {

    public static final int CURRENT_SCHEMA_VERSION = 1;
    public static final String STATUS_OK = "ok";
    public static final String STATUS_ERROR = "error";

    /**
     * A turn counts as an error only when it says so; a missing status is taken as ok. Not a JSON property: without
     * {@code @JsonIgnore} Jackson would write an undocumented {@code "error"} field into every event.
     */
    @JsonIgnore
    public boolean isError() {
        return STATUS_ERROR.equals(status);
    }

    /** The usage block, or an all-unknown one when the turn reported none. */
    @JsonIgnore
    public Usage usageOrUnknown() {
        return usage == null ? Usage.UNKNOWN : usage;
    }

    /** The same turn owned by {@code tenant}: the gateway stamps the key's tenant over whatever the payload said. */
    public TurnEvent withTenant(String tenant) {
        return new TurnEvent(schemaVersion, tenant, eventId, occurredAt, sessionId, model, provider, project, agent,
                userId, conversationId, threadId, turnIndex, startedAt, durationMs, status, errorType, usage,
                tokenBreakdown, context, tools, reportedCostUsd, params, prompt, labels, recordingId);
    }

    /** The same turn tagged with the recording that was active for its user. */
    public TurnEvent withRecording(String recording) {
        return new TurnEvent(schemaVersion, tenantId, eventId, occurredAt, sessionId, model, provider, project, agent,
                userId, conversationId, threadId, turnIndex, startedAt, durationMs, status, errorType, usage,
                tokenBreakdown, context, tools, reportedCostUsd, params, prompt, labels, recording);
    }
}
