package io.agentmeter.schema.event;

import io.agentmeter.schema.validation.Violation;
import java.util.List;

/** Thrown by {@link io.agentmeter.schema.validation.ReadResult#orElseThrow()} for input that is not a valid turn event; carries every violation. */
public class InvalidTurnEventException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidTurnEventException(List<Violation> violations) {
        super("not a valid turn event: " + Violation.summary(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
