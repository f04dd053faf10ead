package io.agentmeter.query.source;

import java.time.Instant;

/** A half-open time range [from, to). */
public record Range(Instant from, Instant to) {

    public Range {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty range " + from + " .. " + to);
        }
    }
}
