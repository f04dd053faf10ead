package io.agentmeter.aggregator.pricing;

import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.priced.PricedTurn;

/** Prices a turn with the price in force at its {@code occurred_at} for its tenant (override first) and model. */
public final class PriceStep {

    private final PriceBook book;

    public PriceStep(PriceBook book) {
        this.book = book;
    }

    public PricedTurn price(TurnEvent turn) {
        return new PricedTurn(turn, CostEngine.price(turn, book), false);
    }
}
