package io.agentmeter.schema.event;

import io.agentmeter.schema.validation.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TurnEventReader} made of some input: either a valid {@link TurnEvent} or every {@link Violation} found,
 * never both and never neither. Immutable.
 */
public final class ReadResult {

    private final TurnEvent event;
    private final List<Violation> violations;

    private ReadResult(TurnEvent event, List<Violation> violations) {
        this.event = event;
        this.violations = violations;
    }

    public static ReadResult valid(TurnEvent event) {
        return new ReadResult(Objects.requireNonNull(event, "event"), List.of());
    }

    /** @param violations at least one */
    public static ReadResult invalid(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one violation");
        }
        return new ReadResult(null, List.copyOf(violations));
    }

    static ReadResult invalid(String path, String reason) {
        return invalid(List.of(new Violation(path, reason)));
    }

    public boolean isValid() {
        return event != null;
    }

    /** The event when valid, else empty. */
    public Optional<TurnEvent> event() {
        return Optional.ofNullable(event);
    }

    /** The event when valid, else throws an {@link InvalidTurnEventException} carrying the violations. */
    public TurnEvent orElseThrow() {
        if (event == null) {
            throw new InvalidTurnEventException(violations);
        }
        return event;
    }

    /** Every problem found, in document order; empty when valid. */
    public List<Violation> violations() {
        return violations;
    }

    /** The violations on one line ({@code $.model: is required; ...}), e.g. for a dead-letter header; "" if valid. */
    public String summary() {
        return Violation.summary(violations);
    }

    @Override
    public String toString() {
        return isValid() ? "ReadResult[valid " + event.eventId() + "]" : "ReadResult[invalid: " + summary() + "]";
    }
}
