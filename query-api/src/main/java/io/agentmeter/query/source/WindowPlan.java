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
 * <p><b>Late turns.</b> The aggregator leaves a late turn out of the windows whose grace it missed, and
 * {@code turns.late} does not say which. So a rollup row that may miss a late turn is never read: for the row's key
 * (its dimensions: project/provider/model, agent or tool) and window, the plan reads that key's smaller windows instead
 * (a day as its hours, an hour as its minutes) and the late turn's minute of that key from the turns table
 * ({@link #corrections}). Every other row, of every other key, is read as it is: one late turn costs a few dozen rows,
 * not its whole day.
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

    /** A window of one key that must not be read from its rollup row. */
    public record KeyedWindow(Instant start, List<String> key) {
    }

    /** A range of window starts (or of occurred_at) to read for one key only. */
    public record KeyedRange(Range range, List<String> key) {
    }

    /**
     * What late turns change: per size, the (window, key) rows to leave out of this plan's reads and the ranges of
     * smaller windows to read for that key instead; and the (minute, key) to read from the turns.
     */
    public record Corrections(Map<WindowSize, List<KeyedWindow>> excluded, Map<WindowSize, List<KeyedRange>> keyed,
                              List<KeyedRange> turns) {

        public boolean isEmpty() {
            return turns.isEmpty() && excluded.values().stream().allMatch(List::isEmpty);
        }
    }

    /**
     * @param dirty per key (the rollup table's dimensions of a late turn), the starts of the minutes that hold a late
     *              turn of that key
     */
    public Corrections corrections(Map<List<String>, NavigableSet<Instant>> dirty) {
        Map<WindowSize, Set<KeyedWindow>> excluded = new EnumMap<>(WindowSize.class);
        Map<WindowSize, List<KeyedRange>> keyed = new EnumMap<>(WindowSize.class);
        for (WindowSize size : SIZES) {
            excluded.put(size, new LinkedHashSet<>());
            keyed.put(size, new ArrayList<>());
        }
        List<KeyedRange> keyedTurns = new ArrayList<>();
        for (Map.Entry<List<String>, NavigableSet<Instant>> entry : dirty.entrySet()) {
            List<String> key = entry.getKey();
            NavigableSet<Instant> minutes = entry.getValue();
            for (int level = 0; level < SIZES.length; level++) {
                WindowSize size = SIZES[level];
                for (Range range : windows.get(size)) {
                    for (Instant minute : minutes.subSet(range.from(), true, range.to(), false)) {
                        Instant window = size.windowStart(minute);
                        if (excluded.get(size).add(new KeyedWindow(window, key))) {
                            descend(window, level, key, minutes, keyed, keyedTurns);
                        }
                    }
                }
            }
        }
        Map<WindowSize, List<KeyedWindow>> excludedLists = new EnumMap<>(WindowSize.class);
        excluded.forEach((size, set) -> excludedLists.put(size, List.copyOf(set)));
        return new Corrections(excludedLists, keyed, keyedTurns);
    }

    /** How one window of one key is read without its own rollup row: its smaller windows' rows and turn minutes. */
    public record Descent(Map<WindowSize, List<KeyedRange>> keyed, List<KeyedRange> turns) {
    }

    /**
     * The window of {@code size} starting at {@code start}, for {@code key}, read through its smaller windows: the
     * clean ones from their rollup rows, the {@code minutes} holding a late turn of that key from the turns.
     */
    public static Descent descent(WindowSize size, Instant start, List<String> key, NavigableSet<Instant> minutes) {
        Map<WindowSize, List<KeyedRange>> keyed = new EnumMap<>(WindowSize.class);
        for (WindowSize s : SIZES) {
            keyed.put(s, new ArrayList<>());
        }
        List<KeyedRange> keyedTurns = new ArrayList<>();
        descend(start, List.of(SIZES).indexOf(size), key, minutes, keyed, keyedTurns);
        return new Descent(keyed, keyedTurns);
    }

    /** Reads window {@code start} of SIZES[level] for {@code key} through its smaller windows, down to the turns. */
    private static void descend(Instant start, int level, List<String> key, NavigableSet<Instant> minutes,
                                Map<WindowSize, List<KeyedRange>> keyed, List<KeyedRange> keyedTurns) {
        Instant end = start.plus(SIZES[level].size());
        if (level == SIZES.length - 1) {
            keyedTurns.add(new KeyedRange(new Range(start, end), key));
            return;
        }
        WindowSize smaller = SIZES[level + 1];
        Instant clean = start;
        Set<Instant> seen = new TreeSet<>();
        for (Instant minute : minutes.subSet(start, true, end, false)) {
            Instant window = smaller.windowStart(minute);
            if (!seen.add(window)) {
                continue;
            }
            addKeyed(keyed.get(smaller), clean, window, key);
            descend(window, level + 1, key, minutes, keyed, keyedTurns);
            clean = window.plus(smaller.size());
        }
        addKeyed(keyed.get(smaller), clean, end, key);
    }

    private static void addKeyed(List<KeyedRange> ranges, Instant from, Instant to, List<String> key) {
        if (from.isBefore(to)) {
            ranges.add(new KeyedRange(new Range(from, to), key));
        }
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
