package io.agentmeter.schema.rollup;

import io.agentmeter.schema.event.ToolUse;

/**
 * What one tool did over the turns that called it: sums of the tool's own figures, each null while no call
 * reported it (missing is not zero).
 */
public record ToolTotals(Long calls, Long durationMs, Long inputTokens, Long outputTokens) {

    public static final ToolTotals NONE = new ToolTotals(null, null, null, null);

    public ToolTotals plus(ToolUse tool) {
        return new ToolTotals(
                add(calls, tool.calls() == null ? null : tool.calls().longValue()),
                add(durationMs, tool.durationMs()),
                add(inputTokens, tool.inputTokens()),
                add(outputTokens, tool.outputTokens()));
    }

    public ToolTotals plus(ToolTotals other) {
        return new ToolTotals(add(calls, other.calls), add(durationMs, other.durationMs),
                add(inputTokens, other.inputTokens), add(outputTokens, other.outputTokens));
    }

    private static Long add(Long sum, Long value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : Math.addExact(sum, value);
    }
}
