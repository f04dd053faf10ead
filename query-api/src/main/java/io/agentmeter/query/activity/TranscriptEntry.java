package io.agentmeter.query.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One line of a session's transcript: a turn or an activity entry. Fields that do not apply to the type are null,
 * as are values that were not reported. {@code payload} is developer-only: null for a viewer key, with
 * {@code payload_withheld} true when there was one.
 */
@Schema(name = "TranscriptEntry")
public record TranscriptEntry(
        @Schema(description = "turn or activity") String type,
        String eventId,
        Instant occurredAt,
        @Schema(description = "Activity kind (tool_call, tool_decision, reply, error, user_prompt, api_request,"
                + " system); null for a turn") String kind,
        @Schema(description = "Activity name: the tool, the error type, the event; null for a turn") String name,
        @Schema(description = "ok, error (turns and activity), accept, reject (tool decisions)") String status,
        @Schema(description = "A turn's error type") String errorType,
        Long durationMs,
        String model,
        String provider,
        String agent,
        @Schema(description = "Where an activity entry came from (the gateway's source header, the importer)")
        String source,
        Integer turnIndex,
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long reasoningTokens,
        Long contextUsedTokens,
        Long contextMaxTokens,
        @Schema(description = "A turn's tools as reported: [{name, calls, ...}]") JsonNode tools,
        @Schema(description = "A turn's cost status: priced, reported, unpriced or incomplete") String costStatus,
        @Schema(description = "A turn's cost, exact; null when unknown") BigDecimal costUsd,
        @Schema(description = "An activity entry's text (cut at 32 KiB with a marker); developer role only")
        String payload,
        @Schema(description = "True when the entry has a payload this key's role may not read") boolean payloadWithheld) {

    public static final String TURN = "turn";
    public static final String ACTIVITY = "activity";

    public static final List<String> COLUMNS = List.of("type", "event_id", "occurred_at", "kind", "name", "status",
            "error_type", "duration_ms", "model", "provider", "agent", "source", "turn_index", "input_tokens",
            "output_tokens", "cache_read_tokens", "reasoning_tokens", "context_used_tokens", "context_max_tokens",
            "tools", "cost_status", "cost_usd", "payload", "payload_withheld");

    public List<Object> cells() {
        return new ArrayList<>(Arrays.asList(type, eventId, occurredAt, kind, name, status, errorType, durationMs,
                model, provider, agent, source, turnIndex, inputTokens, outputTokens, cacheReadTokens,
                reasoningTokens, contextUsedTokens, contextMaxTokens, tools, costStatus, costUsd, payload,
                payloadWithheld));
    }
}
