package io.agentmeter.schema.rollup;

import io.agentmeter.schema.priced.PricedTurn;
import java.time.Instant;

/**
 * One (tenant, agent) in one tumbling window: the value of the compacted {@code agent-rollups} topic (key
 * {@link RollupKeys#agent}) and a row of {@code agent_rollups}. Turns that named no agent roll up under {@code ""}.
 */
public record AgentRollup(
        String tenantId,
        WindowSize windowSize,
        Instant windowStart,
        Instant windowEnd,
        String agent,
        Rollup totals) {

    public static final AgentRollup EMPTY = new AgentRollup(null, null, null, null, "", Rollup.EMPTY);

    public AgentRollup {
        totals = totals == null ? Rollup.EMPTY : totals;
    }

    public AgentRollup plus(PricedTurn priced) {
        var turn = priced.turn();
        return new AgentRollup(turn.tenantId(), windowSize, windowStart, windowEnd, RollupKeys.dimension(turn.agent()),
                totals.plus(priced));
    }

    public AgentRollup inWindow(WindowSize size, Instant start) {
        return new AgentRollup(tenantId, size, start, start.plus(size.size()), agent, totals);
    }

    /** This window's figures with {@code other}'s (other turns of the same key); window and dimensions of {@code other}. */
    public AgentRollup plus(AgentRollup other) {
        return new AgentRollup(other.tenantId, other.windowSize, other.windowStart, other.windowEnd, other.agent,
                totals.plus(other.totals));
    }

    public long version() {
        return totals.version();
    }
}
