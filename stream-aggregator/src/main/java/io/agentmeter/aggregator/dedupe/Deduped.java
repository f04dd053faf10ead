package io.agentmeter.aggregator.dedupe;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.validation.Violation;

/**
 * What the dedupe step lets through: the first accepted copy of an event, or a later copy whose content conflicts
 * with it (on its way to the dead-letter topic, with the reason). Identical copies are dropped and go nowhere.
 *
 * @param turn     the copy
 * @param conflict why it conflicts with the first copy; null for a first copy
 */
public record Deduped(TurnEvent turn, Violation conflict) {

    public static Deduped first(TurnEvent turn) {
        return new Deduped(turn, null);
    }

    public static Deduped conflicting(TurnEvent turn, Violation reason) {
        return new Deduped(turn, reason);
    }

    public boolean isFirst() {
        return conflict == null;
    }
}
