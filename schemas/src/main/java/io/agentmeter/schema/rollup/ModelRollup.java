package io.agentmeter.schema.rollup;

import io.agentmeter.schema.priced.PricedTurn;
import java.time.Instant;

/**
 * One (tenant, project, provider, model) in one tumbling window: the value of the compacted {@code model-rollups}
 * topic (key {@link RollupKeys#model}) and a row of {@code model_rollups}. A dimension the turns did not report is
 * {@code ""}, as in the table's primary key.
 */
public record ModelRollup(
        String tenantId,
        WindowSize windowSize,
        Instant windowStart,
        Instant windowEnd,
        String project,
        String provider,
        String model,
        Rollup totals) {

    public static final ModelRollup EMPTY = new ModelRollup(null, null, null, null, "", "", "", Rollup.EMPTY);

    public ModelRollup {
        totals = totals == null ? Rollup.EMPTY : totals;
    }

    /** This window with one more turn; the dimensions are taken from the turn. */
    public ModelRollup plus(PricedTurn priced) {
        var turn = priced.turn();
        return new ModelRollup(turn.tenantId(), windowSize, windowStart, windowEnd, RollupKeys.dimension(turn.project()),
                RollupKeys.dimension(turn.provider()), turn.model(), totals.plus(priced));
    }

    /** The same figures placed in their window. */
    public ModelRollup inWindow(WindowSize size, Instant start) {
        return new ModelRollup(tenantId, size, start, start.plus(size.size()), project, provider, model, totals);
    }

    /** This window's figures with {@code other}'s (other turns of the same key); window and dimensions of {@code other}. */
    public ModelRollup plus(ModelRollup other) {
        return new ModelRollup(other.tenantId, other.windowSize, other.windowStart, other.windowEnd, other.project,
                other.provider, other.model, totals.plus(other.totals));
    }

    public long version() {
        return totals.version();
    }
}
