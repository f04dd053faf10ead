package io.agentmeter.query.source;

import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The windowed rollup tables and the dimensions each keeps. A query is served from a rollup table when every
 * dimension it filters or groups by is one of the table's and it filters no label; otherwise from the turns table.
 */
public enum RollupTable {
    MODEL("model_rollups", EnumSet.of(Dimension.PROJECT, Dimension.PROVIDER, Dimension.MODEL),
            List.of("project", "provider", "model"),
            List.of("coalesce(t.project, '')", "coalesce(t.provider, '')", "t.model")),
    AGENT("agent_rollups", EnumSet.of(Dimension.AGENT), List.of("agent"), List.of("coalesce(t.agent, '')")),
    /** Per tool: the figures of the turns that called the tool; only for grouping by tool. */
    TOOL("tool_rollups", EnumSet.of(Dimension.TOOL), List.of("tool"), List.of("tl.name"));

    private final String table;
    private final Set<Dimension> dimensions;
    private final List<String> keyColumns;
    private final List<String> turnKeys;

    RollupTable(String table, Set<Dimension> dimensions, List<String> keyColumns, List<String> turnKeys) {
        this.table = table;
        this.dimensions = dimensions;
        this.keyColumns = keyColumns;
        this.turnKeys = turnKeys;
    }

    public String table() {
        return table;
    }

    /** The columns that, with the window, make a row's key ('' for a dimension not reported). */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The same key computed from a turn row {@code t} (and its tool {@code tl} for the tool rollups). */
    public List<String> turnKeys() {
        return turnKeys;
    }

    /** Whether the rows of {@code key} pass the filter's dimensions (all of them this table's when it serves). */
    public boolean passes(List<String> key, Filter filter) {
        for (Dimension d : filter.restricted()) {
            if (!filter.values(d).contains(key.get(keyColumns.indexOf(d.value())))) {
                return false;
            }
        }
        return true;
    }

    /** The group the rows of {@code key} fall in: the grouped dimension's value, or '' when ungrouped. */
    public String groupOf(List<String> key, Optional<Dimension> groupBy) {
        return groupBy.map(d -> key.get(keyColumns.indexOf(d.value()))).orElse("");
    }

    /**
     * Every rollup table that can answer {@code filter} grouped by {@code groupBy}: none when a label is filtered;
     * an ungrouped, unfiltered query can be answered by the model and the agent rollups alike.
     */
    public static List<RollupTable> allServing(Filter filter, Optional<Dimension> groupBy) {
        if (!filter.labels().isEmpty()) {
            return List.of();
        }
        Set<Dimension> needed = filter.restricted();
        groupBy.ifPresent(needed::add);
        List<RollupTable> out = new ArrayList<>();
        for (RollupTable t : values()) {
            if (t == TOOL && groupBy.orElse(null) != Dimension.TOOL) {
                continue;
            }
            if (t.dimensions.containsAll(needed)) {
                out.add(t);
            }
        }
        return out;
    }
}
