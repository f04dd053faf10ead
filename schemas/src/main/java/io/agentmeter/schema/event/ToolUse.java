package io.agentmeter.schema.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One tool the turn called, with how often, how long and how many tokens it added where known. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolUse(String name, Integer calls, Long durationMs, Long inputTokens, Long outputTokens) {
}
