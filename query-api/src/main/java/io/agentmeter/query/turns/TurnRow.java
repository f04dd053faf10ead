package io.agentmeter.query.turns;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One turn as stored: null is "not reported". {@code prompt_text} and {@code params} are developer-only and present
 * only when asked for with {@code include}.
 */
@Schema(name = "Turn")
public record TurnRow(
        String eventId,
        Instant occurredAt,
        String sessionId,
        Integer turnIndex,
        String model,
        String provider,
        String project,
        String agent,
        String userId,
        String status,
        String errorType,
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") Long cacheWrite1hTokens,
        Long reasoningTokens,
        Long totalTokens,
        Long contextUsedTokens,
        Long contextMaxTokens,
        Long durationMs,
        JsonNode tools,
        JsonNode labels,
        String promptHash,
        String recordingId,
        @Schema(description = "priced, reported, unpriced or incomplete") String costStatus,
        @Schema(description = "The turn's cost, exact; null when unpriced or incomplete") BigDecimal costUsd,
        BigDecimal computedCostUsd,
        BigDecimal reportedCostUsd,
        String priceVersion,
        @Schema(description = "Arrived after its rollup windows' grace") boolean late,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @Schema(description = "Developer-only; with include=prompt_text")
        Included<String> promptText,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @Schema(description = "Developer-only; with include=params")
        Included<JsonNode> params) {

    /**
     * A developer-only field: absent (not asked for) or present, whose value may itself be null (not reported).
     * Written as its value; left out of the JSON when not asked for.
     */
    public record Included<T>(@com.fasterxml.jackson.annotation.JsonValue T value) {
    }

    public static final List<String> COLUMNS = List.of("event_id", "occurred_at", "session_id", "turn_index",
            "model", "provider", "project", "agent", "user_id", "status", "error_type", "input_tokens",
            "output_tokens", "cache_read_tokens", "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens",
            "total_tokens", "context_used_tokens", "context_max_tokens", "duration_ms", "tools", "labels",
            "prompt_hash", "recording_id", "cost_status", "cost_usd", "computed_cost_usd", "reported_cost_usd",
            "price_version", "late");

    /** The same turn without prompt text and params: what a viewer key sees (the fields left out, not null). */
    public TurnRow withoutDeveloperFields() {
        return new TurnRow(eventId, occurredAt, sessionId, turnIndex, model, provider, project, agent, userId, status,
                errorType, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, cacheWrite1hTokens,
                reasoningTokens, totalTokens, contextUsedTokens, contextMaxTokens, durationMs, tools, labels,
                promptHash, recordingId, costStatus, costUsd, computedCostUsd, reportedCostUsd, priceVersion, late,
                null, null);
    }

    public List<Object> cells() {
        return new ArrayList<>(Arrays.asList(eventId, occurredAt, sessionId, turnIndex, model, provider, project,
                agent, userId, status, errorType, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                cacheWrite1hTokens, reasoningTokens, totalTokens, contextUsedTokens, contextMaxTokens, durationMs,
                tools, labels, promptHash, recordingId, costStatus, costUsd, computedCostUsd, reportedCostUsd,
                priceVersion, late));
    }
}
