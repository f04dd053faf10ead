package io.agentmeter.query.source;

import io.agentmeter.query.QueryConfig;
import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.Needs;
import io.agentmeter.query.figures.TokenKind;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import io.agentmeter.schema.db.SettledWindow;
import io.agentmeter.schema.rollup.WindowSize;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures of the windows whose own rollup row may miss a late turn (see {@link WindowPlan}): each such (window,
 * key) read through its smaller windows and the late minutes' turns.
 *
 * <p><b>Why a cache.</b> Every query over a range re-reads the same late-turn windows: on the 10M-turn benchmark they
 * cost more than the rest of the answer (about 80 rollup rows and a minute of turns per late turn). A settled window
 * ({@link SettledWindow}) rarely changes, so its corrected figures are kept, read with every figure (and its latency
 * sketch) and cut down to what each query needs. An entry is keyed by the number of late turns of that key in that
 * window, and remembers the tenant's {@link SettledGeneration} it was read under: it is served only while that is
 * current, and the sink bumps it with every write into a settled window (a late turn, or a backfill that the
 * aggregator does not take as late and that so changes rollup rows).
 */
@ApplicationScoped
public class CorrectedWindows {

    /** Entries kept at most; the cache is emptied when it would grow beyond (each is a few kB at most). */
    static final int MAX_ENTRIES = 50_000;
    /** Everything a cached entry may be asked for. */
    private static final Needs EVERYTHING = new Needs(EnumSet.allOf(TokenKind.class), true, true, true);

    private final FiguresRepository figures;
    private final Map<CacheKey, Entry> cache = new ConcurrentHashMap<>();
    /** agentmeter.query.settled-window-cache: off, every window is computed afresh. */
    private final boolean enabled;

    public CorrectedWindows(FiguresRepository figures, QueryConfig config) {
        this.enabled = config.query().settledWindowCache();
        this.figures = figures;
    }

    /** A (window, key) whose own row is not read, and how many late turns of that key it holds. */
    private record Window(WindowSize size, WindowPlan.KeyedWindow window, int lateTurns) {

        Instant end() {
            return window.start().plus(size.size());
        }
    }

    private record CacheKey(String tenantId, RollupTable table, WindowSize size, Instant start, List<String> key,
                            int lateTurns) {
    }

    private record Entry(Figures figures, long generation) {
    }

    /**
     * The figures of the {@code excluded} windows (per size, see {@link WindowPlan.Corrections#excluded()}) whose key
     * passes the filter, per (bucket, group).
     *
     * @param late       per key of {@code table}, the late turns per minute start
     * @param generation the tenant's settled generation, read before {@code late} and any other data of this query
     */
    public Map<Key, Figures> read(RollupTable table, Map<WindowSize, List<WindowPlan.KeyedWindow>> excluded,
                                  Map<List<String>, NavigableMap<Instant, Integer>> late, Filter filter,
                                  Bucketing bucketing, Optional<Dimension> groupBy, Needs needs, long generation)
            throws SQLException {
        Instant now = Instant.now();
        Map<Key, Figures> out = new HashMap<>();
        List<Window> toCache = new ArrayList<>();
        List<Window> unsettled = new ArrayList<>();
        for (Map.Entry<WindowSize, List<WindowPlan.KeyedWindow>> bySize : excluded.entrySet()) {
            for (WindowPlan.KeyedWindow w : bySize.getValue()) {
                if (!table.passes(w.key(), filter)) {
                    continue;
                }
                NavigableMap<Instant, Integer> minutes = late.get(w.key());
                Window window = new Window(bySize.getKey(), w, minutes.subMap(w.start(), true,
                        w.start().plus(bySize.getKey().size()), false).values().stream().mapToInt(i -> i).sum());
                if (!enabled || !SettledWindow.isSettled(window.end(), now)) {
                    unsettled.add(window);
                    continue;
                }
                Entry entry = cache.get(cacheKey(filter, table, window));
                if (entry != null && entry.generation() == generation) {
                    add(out, window, entry.figures(), table, bucketing, groupBy, needs);
                } else {
                    toCache.add(window);
                }
            }
        }
        List<Figures> fresh = compute(table, toCache, late, filter.tenantId(), EVERYTHING);
        if (cache.size() + toCache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        for (int i = 0; i < toCache.size(); i++) {
            cache.put(cacheKey(filter, table, toCache.get(i)), new Entry(fresh.get(i), generation));
            add(out, toCache.get(i), fresh.get(i), table, bucketing, groupBy, needs);
        }
        List<Figures> current = compute(table, unsettled, late, filter.tenantId(), needs);
        for (int i = 0; i < unsettled.size(); i++) {
            add(out, unsettled.get(i), current.get(i), table, bucketing, groupBy, needs);
        }
        return out;
    }

    /** Forgets every entry (tests). */
    public void clear() {
        cache.clear();
    }

    private static CacheKey cacheKey(Filter filter, RollupTable table, Window w) {
        return new CacheKey(filter.tenantId(), table, w.size(), w.window().start(), w.window().key(), w.lateTurns());
    }

    /** Each window's figures, in order: its smaller windows' rows and its late minutes' turns, one read a size. */
    private List<Figures> compute(RollupTable table, List<Window> windows,
                                  Map<List<String>, NavigableMap<Instant, Integer>> late, String tenantId,
                                  Needs needs) throws SQLException {
        List<Figures> out = new ArrayList<>();
        Map<WindowSize, List<FiguresRepository.TaggedRange>> rollupRanges = new HashMap<>();
        List<FiguresRepository.TaggedRange> turnRanges = new ArrayList<>();
        for (int tag = 0; tag < windows.size(); tag++) {
            Window w = windows.get(tag);
            out.add(new Figures());
            WindowPlan.Descent descent = WindowPlan.descent(w.size(), w.window().start(), w.window().key(),
                    late.get(w.window().key()).navigableKeySet());
            for (Map.Entry<WindowSize, List<WindowPlan.KeyedRange>> e : descent.keyed().entrySet()) {
                for (WindowPlan.KeyedRange r : e.getValue()) {
                    rollupRanges.computeIfAbsent(e.getKey(), s -> new ArrayList<>())
                            .add(new FiguresRepository.TaggedRange(tag, r));
                }
            }
            for (WindowPlan.KeyedRange r : descent.turns()) {
                turnRanges.add(new FiguresRepository.TaggedRange(tag, r));
            }
        }
        for (Map.Entry<WindowSize, List<FiguresRepository.TaggedRange>> e : rollupRanges.entrySet()) {
            figures.fromRollupsTagged(table, e.getKey(), e.getValue(), tenantId, needs)
                    .forEach((tag, f) -> out.get(tag).merge(f));
        }
        if (!turnRanges.isEmpty()) {
            figures.fromTurnsTagged(table, turnRanges, tenantId, needs).forEach((tag, f) -> out.get(tag).merge(f));
        }
        return out;
    }

    /** Adds a copy of a window's figures, cut to {@code needs}, to its bucket and group. */
    private static void add(Map<Key, Figures> out, Window w, Figures f, RollupTable table, Bucketing bucketing,
                            Optional<Dimension> groupBy, Needs needs) {
        if (f.turns() == 0) {
            return;
        }
        Key key = new Key(bucketing.bucketOf(w.window().start().getEpochSecond()), table.groupOf(w.window().key(),
                groupBy));
        out.merge(key, f.only(needs), Figures::merge);
    }
}
