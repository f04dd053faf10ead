package io.agentmeter.schema.rollup;

import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.priced.PricedTurn;
import java.time.Instant;

/**
 * One (tenant, tool) in one tumbling window: the value of the compacted {@code tool-rollups} topic (key
 * {@link RollupKeys#tool}) and a row of {@code tool_rollups}. {@code tool_usage} sums the tool's own figures (calls,
 * duration, tokens); {@code totals} are the figures of the turns that called the tool, each such turn once.
 */
public record ToolRollup(
        String tenantId,
        WindowSize windowSize,
        Instant windowStart,
        Instant windowEnd,
        String tool,
        ToolTotals toolUsage,
        Rollup totals) {

    public static final ToolRollup EMPTY = new ToolRollup(null, null, null, null, "", ToolTotals.NONE, Rollup.EMPTY);

    public ToolRollup {
        toolUsage = toolUsage == null ? ToolTotals.NONE : toolUsage;
        totals = totals == null ? Rollup.EMPTY : totals;
    }

    /** This window with one more turn that called {@code use} (one entry per tool name and turn). */
    public ToolRollup plus(PricedTurn priced, ToolUse use) {
        return new ToolRollup(priced.turn().tenantId(), windowSize, windowStart, windowEnd, use.name(),
                toolUsage.plus(use), totals.plus(priced));
    }

    public ToolRollup inWindow(WindowSize size, Instant start) {
        return new ToolRollup(tenantId, size, start, start.plus(size.size()), tool, toolUsage, totals);
    }

    /** This window's figures with {@code other}'s (other turns of the same key); window and dimensions of {@code other}. */
    public ToolRollup plus(ToolRollup other) {
        return new ToolRollup(other.tenantId, other.windowSize, other.windowStart, other.windowEnd, other.tool,
                toolUsage.plus(other.toolUsage), totals.plus(other.totals));
    }

    public long version() {
        return totals.version();
    }
}
