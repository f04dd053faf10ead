package io.agentmeter.writer.sink;

import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.RollupKeys;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.ToolRollup;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows of the four rollup tables (and topics), keyed by the rollup topics' keys ({@link RollupKeys}): what a batch of
 * turns adds ({@link #of}), or the rows as they stand after it (what the sink publishes).
 *
 * <p>{@link #of} is the rollup rule in one place: one sum per session, and per model, agent and tool in each window
 * size (1m, 1h, 1d) the turn's {@code occurred_at} falls in, whatever its age; what the tables and topics hold is the
 * sum of these over every stored turn. Its maps are sorted, so every writer visits rows in one order.
 */
public record RollupRows(Map<String, SessionRollup> sessions, Map<String, ModelRollup> models,
                         Map<String, AgentRollup> agents, Map<String, ToolRollup> tools) {

    /** No row. */
    public static final RollupRows NONE = new RollupRows(Map.of(), Map.of(), Map.of(), Map.of());

    private static final WindowSize[] SIZES = WindowSize.values();

    /** The sums of {@code turns}, each counted once (the caller passes only turns new to the database). */
    public static RollupRows of(Collection<PricedTurn> turns) {
        RollupRows sums = new RollupRows(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        for (PricedTurn priced : turns) {
            sums.add(priced);
        }
        return sums;
    }

    /**
     * Adds one turn to each of its sums, as the turn itself ({@code plus(PricedTurn)}): a duration joins the latency
     * sketch's pending values, cheaply, where summing one-turn rollups would decode, merge and encode a sketch for
     * every turn and rollup.
     */
    private void add(PricedTurn priced) {
        TurnEvent turn = priced.turn();
        String tenant = turn.tenantId();
        sessions.compute(RollupKeys.session(tenant, turn.sessionId()),
                (key, sum) -> (sum == null ? SessionRollup.EMPTY : sum).plus(priced));
        Instant at = turn.occurredAt();
        Map<String, ToolUse> toolUses = ToolUse.byName(turn.tools());
        for (WindowSize size : SIZES) {
            Instant start = size.windowStart(at);
            models.compute(RollupKeys.windowed(tenant, size, start, turn.project(), turn.provider(), turn.model()),
                    (key, sum) -> (sum == null ? ModelRollup.EMPTY.inWindow(size, start) : sum).plus(priced));
            agents.compute(RollupKeys.windowed(tenant, size, start, turn.agent()),
                    (key, sum) -> (sum == null ? AgentRollup.EMPTY.inWindow(size, start) : sum).plus(priced));
            toolUses.forEach((name, use) -> tools.compute(RollupKeys.windowed(tenant, size, start, name),
                    (key, sum) -> (sum == null ? ToolRollup.EMPTY.inWindow(size, start) : sum).plus(priced, use)));
        }
    }

    /** How many rows, over the four tables. */
    public int size() {
        return sessions.size() + models.size() + agents.size() + tools.size();
    }

    public boolean isEmpty() {
        return sessions.isEmpty();
    }
}
