package io.agentmeter.cli.demo;

/**
 * A tool the demo agents call.
 *
 * @param name          {@code tools[].name}
 * @param resultTokens  median tokens its result adds to the next prompt
 * @param durationMs    median run time
 */
public record DemoTool(String name, int resultTokens, long durationMs) {
}
