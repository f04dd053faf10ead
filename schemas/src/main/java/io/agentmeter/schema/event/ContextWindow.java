package io.agentmeter.schema.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How full the model's context window was at this turn. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContextWindow(Long usedTokens, Long maxTokens) {
}
