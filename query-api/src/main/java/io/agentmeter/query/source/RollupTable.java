package io.agentmeter.query.source;

import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The windowed rollup tables and the dimensions each keeps. A query is served from a rollup table when every
 * dimension it filters or groups by is one of the table's and it filters no label; otherwise from the turns table.
 */
public enum RollupTable {
    MODEL("model_rollups", EnumSet.of(Dimension.PROJECT, Dimension.PROVIDER, Dimension.MODEL)),
    AGENT("agent_rollups", EnumSet.of(Dimension.AGENT)),
    /** Per tool: the figures of the turns that called the tool; only for grouping by tool. */
    TOOL("tool_rollups", EnumSet.of(Dimension.TOOL));

    private final String table;
    private final Set<Dimension> dimensions;

    RollupTable(String table, Set<Dimension> dimensions) {
        this.table = table;
        this.dimensions = dimensions;
    }

    public String table() {
        return table;
    }

    /** The rollup table that can answer {@code filter} grouped by {@code groupBy}, if any. */
    public static Optional<RollupTable> serving(Filter filter, Optional<Dimension> groupBy) {
        if (!filter.labels().isEmpty()) {
            return Optional.empty();
        }
        Set<Dimension> needed = filter.restricted();
        groupBy.ifPresent(needed::add);
        for (RollupTable t : values()) {
            if (t == TOOL && groupBy.orElse(null) != Dimension.TOOL) {
                continue;
            }
            if (t.dimensions.containsAll(needed)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
