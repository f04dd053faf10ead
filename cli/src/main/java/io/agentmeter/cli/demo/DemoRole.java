package io.agentmeter.cli.demo;

import java.util.Map;

/**
 * An agent role of the demo: how big its system prompt is, how much it writes, which tools it calls and which
 * models it runs on.
 *
 * @param name           the turn's {@code agent}
 * @param systemTokens   median system prompt size
 * @param outputTokens   median visible output of a turn
 * @param toolCalls      mean tool calls of a turn that calls tools
 * @param tools          tool name to weight
 * @param models         model (price-book name) to weight
 * @param effort         reasoning effort it asks for
 * @param promptTemplate its first message, {@code %s} being the task
 */
public record DemoRole(String name, int systemTokens, int outputTokens, double toolCalls, Map<String, Double> tools,
                       Map<String, Double> models, String effort, String promptTemplate) {
}
