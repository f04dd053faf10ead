package io.agentmeter.aggregator.settings;

import io.agentmeter.schema.rollup.WindowSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What shapes the topology (as opposed to where it runs): the dedupe horizon and the windows' grace.
 *
 * @param dedupeHorizon  how long a (tenant, event_id) is remembered, in arrival time (see docs/aggregator.md): a copy
 *                       arriving later than that after its first copy is not recognised by the aggregator
 *                       (PostgreSQL's key guard still stores and counts only the first)
 * @param grace          per window size, how far behind the newest turn of its partition a turn may be before it is
 *                       flagged late (informational: every turn counts in its rollups)
 */
public record TopologySettings(Duration dedupeHorizon, Map<WindowSize, Duration> grace) {

    /** 30 days of arrival: the same logs imported twice a week or three apart are still one set of turns. */
    public static final Duration DEFAULT_DEDUPE_HORIZON = Duration.ofDays(30);

    public TopologySettings {
        grace = Map.copyOf(grace);
        List<String> problems = new ArrayList<>();
        if (dedupeHorizon == null || dedupeHorizon.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add("dedupe horizon must be at least 1 minute, got " + dedupeHorizon);
        }
        for (WindowSize size : WindowSize.values()) {
            Duration g = grace.get(size);
            if (g == null || g.isNegative()) {
                problems.add("grace of the " + size.label() + " windows must be zero or more, got " + g);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid topology settings: " + String.join("; ", problems));
        }
    }

    /** 30-day dedupe; grace 2 minutes (1m windows), 10 minutes (1h), 1 hour (1d). */
    public static TopologySettings defaults() {
        Map<WindowSize, Duration> grace = new EnumMap<>(WindowSize.class);
        grace.put(WindowSize.ONE_MINUTE, Duration.ofMinutes(2));
        grace.put(WindowSize.ONE_HOUR, Duration.ofMinutes(10));
        grace.put(WindowSize.ONE_DAY, Duration.ofHours(1));
        return new TopologySettings(DEFAULT_DEDUPE_HORIZON, grace);
    }

    public Duration graceOf(WindowSize size) {
        return grace.get(size);
    }
}
