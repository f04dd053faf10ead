package io.agentmeter.pricing;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a turn's cost was arrived at. Only {@link #PRICED} and {@link #REPORTED} carry a total. */
public enum CostStatus {
    /** Computed from the price book; every part of the turn was known. */
    PRICED("priced"),
    /** The agent reported its own cost, which wins over the computed one (kept alongside for comparison). */
    REPORTED("reported"),
    /** No price for the model: the cost is unknown (null) and counted as such, never $0. */
    UNPRICED("unpriced"),
    /**
     * The model has a price, but a part of the turn could not be priced: its token count is unknown (input or
     * output not reported, or counts that contradict each other) or the model has no rate for it. The total is null
     * because a total that silently omits a part would be wrong; the parts that are known are still given.
     */
    INCOMPLETE("incomplete");

    private final String wireName;

    CostStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in JSON and in PostgreSQL. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
