package io.agentmeter.query.it;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.priced.PricedTurn;
import java.time.Duration;
import java.time.Instant;

/**
 * A test turn and what the test expects of it: priced by the cost engine with the shipped price book (independently
 * of the pipeline), delivered {@code delay} after it occurred (late for some rollup windows when the delay exceeds
 * their grace; every turn counts in its session rollup).
 */
public record GeneratedTurn(PricedTurn priced, Duration delay) {

    public TurnEvent turn() {
        return priced.turn();
    }

    /** When the turn is handed to the pipeline, in event time. */
    public Instant deliveredAt() {
        return turn().occurredAt().plus(delay);
    }
}
