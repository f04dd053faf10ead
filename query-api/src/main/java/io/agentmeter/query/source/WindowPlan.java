package io.agentmeter.query.source;

import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a range [from, to) is read: whole rollup windows where they fit, the turns table for the rest.
 *
 * <p>The range is cut greedily into the largest windows allowed (1d, then 1h, then 1m at the ragged edges); what is
 * left under a minute at either edge is read from the turns.
 *
 * <p>Every rollup row counts every turn of its window stored in {@code turns}, late or not (the sink adds each new
 * turn to its rows in the transaction that stores it), so a window is read from its row as it is.
 */
public final class WindowPlan {

    private static final WindowSize[] SIZES = {WindowSize.ONE_DAY, WindowSize.ONE_HOUR, WindowSize.ONE_MINUTE};

    private final Map<WindowSize, List<Range>> windows = new EnumMap<>(WindowSize.class);
    private final List<Range> turns = new ArrayList<>();

    private WindowPlan() {
        for (WindowSize size : SIZES) {
            windows.put(size, new ArrayList<>());
        }
    }

    /** @param largest the largest window allowed (calendar buckets in a zone with an offset cannot use 1d) */
    public static WindowPlan of(Instant from, Instant to, WindowSize largest) {
        WindowPlan plan = new WindowPlan();
        int level = 0;
        while (SIZES[level] != largest) {
            level++;
        }
        plan.decompose(from, to, level);
        return plan;
    }

    /** A plan that reads everything from the turns table. */
    public static WindowPlan turnsOnly(Instant from, Instant to) {
        WindowPlan plan = new WindowPlan();
        plan.turns.add(new Range(from, to));
        return plan;
    }

    /** The ranges of window starts to read from the rollups of {@code size}, every key, in time order. */
    public List<Range> windows(WindowSize size) {
        return Collections.unmodifiableList(windows.get(size));
    }

    /** The ranges of {@code occurred_at} to read from the turns table, every key, in time order. */
    public List<Range> turns() {
        return Collections.unmodifiableList(turns);
    }

    private void decompose(Instant lo, Instant hi, int level) {
        if (!lo.isBefore(hi)) {
            return;
        }
        if (level == SIZES.length) {
            add(turns, lo, hi);
            return;
        }
        WindowSize size = SIZES[level];
        long ms = size.size().toMillis();
        Instant first = ceil(lo, ms);
        Instant end = floor(hi, ms);
        if (!first.isBefore(end)) {
            decompose(lo, hi, level + 1);
            return;
        }
        decompose(lo, first, level + 1);
        add(windows.get(size), first, end);
        decompose(end, hi, level + 1);
    }

    private static void add(List<Range> ranges, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return;
        }
        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1).to().equals(from)) {
            Range last = ranges.remove(ranges.size() - 1);
            ranges.add(new Range(last.from(), to));
        } else {
            ranges.add(new Range(from, to));
        }
    }

    private static Instant floor(Instant at, long ms) {
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), ms) * ms);
    }

    private static Instant ceil(Instant at, long ms) {
        Instant floor = floor(at, ms);
        return floor.equals(at) ? floor : floor.plusMillis(ms);
    }
}
