package io.agentmeter.aggregator.rollup;

import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.WindowSize;
import java.util.EnumSet;
import java.util.Set;

/**
 * A priced turn on its way into the rollups, with the lateness decision made once, upstream, by
 * {@link LatenessProcessor}: the window sizes whose grace it missed. For the tool rollups it also names the one tool
 * it stands for.
 */
public record RollupTurn(PricedTurn priced, Set<WindowSize> lateFor, ToolUse tool) {

    public RollupTurn {
        lateFor = lateFor == null || lateFor.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(lateFor));
    }

    public boolean countsIn(WindowSize size) {
        return !lateFor.contains(size);
    }

    public boolean countsInAnyWindow() {
        return lateFor.size() < WindowSize.values().length;
    }

    /** The same turn standing for one of its tools. */
    public RollupTurn forTool(ToolUse use) {
        return new RollupTurn(priced, lateFor, use);
    }
}
