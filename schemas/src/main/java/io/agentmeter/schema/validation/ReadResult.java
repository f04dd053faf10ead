package io.agentmeter.schema.validation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an event reader ({@code TurnEventReader}, {@code ActivityEventReader}) made of some input: either a valid
 * event or every {@link Violation} found, never both and never neither. Immutable.
 *
 * @param <T> the event type
 */
public final class ReadResult<T> {

    private final T event;
    private final List<Violation> violations;
    private final Function<List<Violation>, ? extends RuntimeException> failure;

    private ReadResult(T event, List<Violation> violations,
                       Function<List<Violation>, ? extends RuntimeException> failure) {
        this.event = event;
        this.violations = violations;
        this.failure = failure;
    }

    public static <T> ReadResult<T> valid(T event) {
        return new ReadResult<>(Objects.requireNonNull(event, "event"), List.of(), null);
    }

    /**
     * @param violations at least one
     * @param failure    what {@link #orElseThrow()} throws, made from the violations
     */
    public static <T> ReadResult<T> invalid(List<Violation> violations,
                                            Function<List<Violation>, ? extends RuntimeException> failure) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one violation");
        }
        return new ReadResult<>(null, List.copyOf(violations), Objects.requireNonNull(failure, "failure"));
    }

    /** One violation at {@code path}. */
    public static <T> ReadResult<T> invalid(String path, String reason,
                                            Function<List<Violation>, ? extends RuntimeException> failure) {
        return invalid(List.of(new Violation(path, reason)), failure);
    }

    public boolean isValid() {
        return event != null;
    }

    /** The event when valid, else empty. */
    public Optional<T> event() {
        return Optional.ofNullable(event);
    }

    /** The event when valid, else throws the reader's exception carrying the violations. */
    public T orElseThrow() {
        if (event == null) {
            throw failure.apply(violations);
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
        return isValid() ? "ReadResult[valid]" : "ReadResult[invalid: " + summary() + "]";
    }
}
