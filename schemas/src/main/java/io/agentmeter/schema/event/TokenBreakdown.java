package io.agentmeter.schema.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where the prompt and output tokens went, as far as the agent knows; each part null when not reported. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenBreakdown(Long system, Long user, Long assistant, Long tools, Long reasoning) {
}
