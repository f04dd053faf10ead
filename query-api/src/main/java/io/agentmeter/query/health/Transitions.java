package io.agentmeter.query.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Since when each part has been in its state: a verdict in the same state as the last one keeps its {@code since};
 * a new state starts at the probe that saw it. Not thread-safe; {@link PartsHealthService} holds its lock.
 */
final class Transitions {

    private record Seen(Verdict.State state, Instant since) {
    }

    private final Map<Part, Seen> seen = new EnumMap<>(Part.class);

    /** The parts in bar order, each with its since; parts without a verdict are unknown. */
    List<PartState> apply(Instant at, Map<Part, Verdict> verdicts) {
        List<PartState> parts = new ArrayList<>();
        for (Part part : Part.values()) {
            Verdict verdict = verdicts.getOrDefault(part, Verdict.unknown("not probed"));
            Seen last = seen.get(part);
            if (last == null || last.state() != verdict.state()) {
                last = new Seen(verdict.state(), at);
                seen.put(part, last);
            }
            parts.add(PartState.of(part, verdict, last.since()));
        }
        return parts;
    }

    /** Since when {@code part} has been in {@code state}, or {@code at} when it was last seen otherwise. */
    Instant since(Part part, Verdict.State state, Instant at) {
        Seen last = seen.get(part);
        return last != null && last.state() == state ? last.since() : at;
    }
}
