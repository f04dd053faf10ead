package io.agentmeter.schema.validation;

import static io.agentmeter.schema.validation.TurnLimits.MAX_VIOLATIONS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One validation: the event, what was found wrong so far, and the values the schema's checks accepted that the
 * semantic rules read next ({@link SchemaChecks} keeps them by slot).
 */
final class Run {

    private final JsonNode root;
    private final Object[] kept;
    private final List<Found> found = new ArrayList<>();

    Run(JsonNode root, int slots) {
        this.root = root;
        this.kept = new Object[slots];
    }

    void add(Loc loc, String reason) {
        found.add(new Found(loc, reason));
    }

    void keep(int slot, Object value) {
        kept[slot] = value;
    }

    /** The value kept in {@code slot}: present, not null and accepted by its check; else null. */
    Object kept(int slot) {
        return kept[slot];
    }

    /** What was found, in document order, at most {@link TurnLimits#MAX_VIOLATIONS} and then one counting the rest. */
    List<Violation> violations() {
        if (found.isEmpty()) {
            return List.of();
        }
        List<Positioned> positioned = new ArrayList<>(found.size());
        for (Found f : found) {
            positioned.add(new Positioned(f.loc.position(root), new Violation(f.loc.path(), f.reason)));
        }
        positioned.sort(Comparator.comparing(Positioned::position, Arrays::compare)); // stable
        List<Violation> result = new ArrayList<>(Math.min(positioned.size(), MAX_VIOLATIONS + 1));
        for (int i = 0; i < positioned.size() && i < MAX_VIOLATIONS; i++) {
            result.add(positioned.get(i).violation);
        }
        if (positioned.size() > MAX_VIOLATIONS) {
            result.add(new Violation("$", "and " + (positioned.size() - MAX_VIOLATIONS) + " more problems not listed"));
        }
        return List.copyOf(result);
    }

    private record Found(Loc loc, String reason) {
    }

    private record Positioned(int[] position, Violation violation) {
    }
}
