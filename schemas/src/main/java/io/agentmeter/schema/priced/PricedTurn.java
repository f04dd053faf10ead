package io.agentmeter.schema.priced;

import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.TurnEvent;

/**
 * A validated, deduplicated turn with its cost: the value of the {@code priced-turns} topic and of one row of the
 * {@code turns} table.
 *
 * @param turn the turn as the agent sent it, stamped with its tenant and, where one was active, its recording
 * @param cost what it cost and how that was arrived at (price version, breakdown, status)
 * @param late true when the turn arrived after its rollup windows' grace had passed: it is stored as a turn but the
 *             closed windows are not reopened (see docs/architecture.md)
 */
public record PricedTurn(TurnEvent turn, TurnCost cost, boolean late) {

    public PricedTurn withLate(boolean isLate) {
        return new PricedTurn(turn, cost, isLate);
    }
}
