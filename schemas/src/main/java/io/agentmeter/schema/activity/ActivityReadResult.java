package io.agentmeter.schema.activity;

import io.agentmeter.schema.validation.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ActivityEventReader} made of some input: a valid {@link ActivityEvent} or every {@link Violation}
 * found, never both and never neither. Immutable.
 */
public final class ActivityReadResult {

    private final ActivityEvent event;
    private final List<Violation> violations;

    private ActivityReadResult(ActivityEvent event, List<Violation> violations) {
        this.event = event;
        this.violations = violations;
    }

    public static ActivityReadResult valid(ActivityEvent event) {
        return new ActivityReadResult(Objects.requireNonNull(event, "event"), List.of());
    }

    /** @param violations at least one */
    public static ActivityReadResult invalid(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one violation");
        }
        return new ActivityReadResult(null, List.copyOf(violations));
    }

    static ActivityReadResult invalid(String path, String reason) {
        return invalid(List.of(new Violation(path, reason)));
    }

    public boolean isValid() {
        return event != null;
    }

    public Optional<ActivityEvent> event() {
        return Optional.ofNullable(event);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The violations on one line ({@code $.kind: is required; ...}); "" if valid. */
    public String summary() {
        return Violation.summary(violations);
    }

    @Override
    public String toString() {
        return isValid() ? "ActivityReadResult[valid " + event.eventId() + "]"
                : "ActivityReadResult[invalid: " + summary() + "]";
    }
}
