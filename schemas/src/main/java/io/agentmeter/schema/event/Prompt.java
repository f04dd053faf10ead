package io.agentmeter.schema.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The prompt of a turn: a hash that groups turns sent the same prompt (for model comparisons) and, optionally, its
 * text, truncated by the sender to {@link io.agentmeter.schema.validation.TurnLimits#MAX_PROMPT_TEXT_CHARS}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prompt(String hash, String text) {
}
