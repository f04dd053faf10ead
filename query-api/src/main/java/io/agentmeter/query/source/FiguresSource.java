package io.agentmeter.query.source;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import io.agentmeter.schema.rollup.WindowSize;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;

/**
 * The figures of a filter per (bucket, group): from the rollups where the filter allows (see {@link RollupTable}),
 * cut into windows by {@link WindowPlan}, with the ragged edges and late-turn minutes from the turns table; from the
 * turns table alone otherwise.
 */
@ApplicationScoped
public class FiguresSource {

    private final FiguresRepository figures;
    private final LateTurnRepository late;

    public FiguresSource(FiguresRepository figures, LateTurnRepository late) {
        this.figures = figures;
        this.late = late;
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

    public Result read(Filter filter, Bucketing bucketing, Optional<Dimension> groupBy, boolean sketches)
            throws SQLException {
        Optional<RollupTable> table = RollupTable.serving(filter, groupBy);
        if (table.isEmpty()) {
            WindowPlan plan = WindowPlan.turnsOnly(filter.from(), filter.to());
            Map<Key, Figures> out = figures.fromTurns(plan.turns(), filter, bucketing, groupBy, sketches);
            return new Result(out, new ServedFrom(null, Map.of(), 1));
        }
        WindowSize largest = bucketing.largestWindow(filter.from(), filter.to());
        NavigableSet<Instant> dirty = late.dirtyMinutes(filter.tenantId(), filter.from(), filter.to());
        WindowPlan plan = WindowPlan.of(filter.from(), filter.to(), largest, dirty);
        Map<Key, Figures> out = new HashMap<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        for (WindowSize size : List.of(WindowSize.ONE_DAY, WindowSize.ONE_HOUR, WindowSize.ONE_MINUTE)) {
            List<Range> ranges = plan.windows(size);
            if (!ranges.isEmpty()) {
                used.put(size.label(), ranges.size());
                merge(out, figures.fromRollups(table.get(), size, ranges, filter, bucketing, groupBy, sketches));
            }
        }
        if (!plan.turns().isEmpty()) {
            merge(out, figures.fromTurns(plan.turns(), filter, bucketing, groupBy, sketches));
        }
        return new Result(out, new ServedFrom(table.get().table(), Collections.unmodifiableMap(used),
                plan.turns().size()));
    }

    private static void merge(Map<Key, Figures> into, Map<Key, Figures> more) {
        more.forEach((key, f) -> into.merge(key, f, Figures::merge));
    }
}
