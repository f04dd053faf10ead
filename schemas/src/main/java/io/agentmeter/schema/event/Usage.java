package io.agentmeter.schema.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts of one turn. Each count is null when the agent did not report it: unknown, never zero.
 *
 * <p>{@code cache_write_1h_tokens} is named explicitly: the snake_case strategy alone would spell it
 * {@code cache_write1h_tokens}, and the documented name would be ignored as an unknown field.
 *
 * @param inputTokens       every prompt token, cached reads and cache writes included (OpenTelemetry GenAI)
 * @param outputTokens      every generated token, reasoning included
 * @param cacheReadTokens   prompt tokens served from the provider's cache
 * @param cacheWriteTokens  prompt tokens written to the cache at the default (5-minute) rate
 * @param cacheWrite1hTokens prompt tokens written to the cache at the 1-hour rate
 * @param reasoningTokens   the part of the output spent on reasoning
 * @param totalTokens       the total the provider reported, kept as reported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") Long cacheWrite1hTokens,
        Long reasoningTokens,
        Long totalTokens) {

    public static final Usage UNKNOWN = new Usage(null, null, null, null, null, null, null);

    /**
     * Prompt tokens that were neither read from nor written to the cache, or null when input is unknown.
     * Unknown cache counts are taken as none: a provider that reports no cache figures did not use the cache.
     */
    @JsonIgnore
    public Long uncachedInputTokens() {
        if (inputTokens == null) {
            return null;
        }
        return inputTokens - orZero(cacheReadTokens) - orZero(cacheWriteTokens) - orZero(cacheWrite1hTokens);
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }
}
