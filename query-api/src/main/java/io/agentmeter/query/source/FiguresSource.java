package io.agentmeter.query.source;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.Needs;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import io.agentmeter.schema.rollup.WindowSize;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of a filter per (bucket, group): from the rollups where the filter allows (see {@link RollupTable}),
 * cut into windows by {@link WindowPlan} (settled day and hour windows kept in memory by {@link SettledWindows}, which
 * serves only what was read under the tenant's current {@link SettledGeneration}, read first), with the ragged edges
 * from the turns table; from the turns table alone otherwise. The rollup rows count every stored turn, late or not.
 */
@ApplicationScoped
public class FiguresSource {

    private final FiguresRepository figures;
    private final TableStats stats;
    private final ReadPool pool;
    private final SettledWindows settled;
    private final SettledGeneration generations;

    public FiguresSource(FiguresRepository figures, TableStats stats, ReadPool pool, SettledWindows settled,
                         SettledGeneration generations) {
        this.figures = figures;
        this.stats = stats;
        this.pool = pool;
        this.settled = settled;
        this.generations = generations;
    }

    /** The figures and where they came from. */
    public record Result(Map<Key, Figures> figures, ServedFrom servedFrom) {

        /** The figures of the one bucket and group of an ungrouped, unbucketed query. */
        public Figures total() {
            Figures total = new Figures();
            figures.values().forEach(total::merge);
            return total;
        }
    }

    public Result read(Filter filter, Bucketing buckets, Optional<Dimension> groupBy, Needs needs)
            throws SQLException {
        WindowSize largest = buckets.largestWindow(filter.from(), filter.to());
        Bucketing bucketing = buckets.withStep(largest);
        List<RollupTable> candidates = RollupTable.allServing(filter, groupBy);
        Optional<RollupTable> table = candidates.isEmpty() ? Optional.empty()
                : Optional.of(stats.smallest(candidates));
        if (table.isEmpty()) {
            WindowPlan plan = WindowPlan.turnsOnly(filter.from(), filter.to());
            Map<Key, Figures> out = figures.fromTurns(plan.turns(), filter, bucketing, groupBy, needs);
            return new Result(out, new ServedFrom(null, Map.of(), 1));
        }
        WindowPlan plan = WindowPlan.of(filter.from(), filter.to(), largest);
        RollupTable t = table.get();
        // Before every data read: what the cache keeps is kept under this generation.
        long generation = generations.current(filter.tenantId());
        Map<String, Integer> used = new LinkedHashMap<>();
        int turnRanges = plan.turns().size();
        List<ReadPool.Read<Map<Key, Figures>>> reads = new ArrayList<>();
        for (WindowSize size : List.of(WindowSize.ONE_DAY, WindowSize.ONE_HOUR, WindowSize.ONE_MINUTE)) {
            List<Range> ranges = plan.windows(size);
            if (!ranges.isEmpty()) {
                used.merge(size.label(), ranges.size(), Integer::sum);
                Instant cut = settled.servedBefore(size, needs, Instant.now());
                List<Range> kept = before(ranges, cut);
                List<Range> fresh = from(ranges, cut);
                if (!kept.isEmpty()) {
                    reads.add(() -> settled.read(t, size, kept, filter, bucketing, groupBy, needs,
                            generation));
                }
                if (!fresh.isEmpty()) {
                    reads.add(() -> figures.fromRollups(t, size, fresh, filter, bucketing, groupBy, needs));
                }
            }
        }
        if (!plan.turns().isEmpty()) {
            reads.add(() -> figures.fromTurns(plan.turns(), filter, bucketing, groupBy, needs));
        }
        Map<Key, Figures> out = new HashMap<>();
        for (Map<Key, Figures> part : pool.all(reads)) {
            merge(out, part);
        }
        return new Result(out, new ServedFrom(t.table(), Collections.unmodifiableMap(used), turnRanges));
    }

    /** The parts of {@code ranges} (window starts) before {@code cut}. */
    private static List<Range> before(List<Range> ranges, Instant cut) {
        List<Range> out = new ArrayList<>();
        for (Range r : ranges) {
            if (r.from().isBefore(cut)) {
                out.add(new Range(r.from(), r.to().isBefore(cut) ? r.to() : cut));
            }
        }
        return out;
    }

    /** The parts of {@code ranges} (window starts) from {@code cut} on. */
    private static List<Range> from(List<Range> ranges, Instant cut) {
        List<Range> out = new ArrayList<>();
        for (Range r : ranges) {
            if (r.to().isAfter(cut)) {
                out.add(new Range(r.from().isAfter(cut) ? r.from() : cut, r.to()));
            }
        }
        return out;
    }

    private static void merge(Map<Key, Figures> into, Map<Key, Figures> more) {
        more.forEach((key, f) -> into.merge(key, f, Figures::merge));
    }
}
