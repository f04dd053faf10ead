package io.agentmeter.query.source;

import io.agentmeter.query.config.QueryConfig;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rollup rows of settled day and hour windows, kept in memory: a dashboard re-reads the same days and hours with
 * every refresh, and on 2 cores summing thousands of rows in PostgreSQL and mapping them in Java is most of an
 * answer's time (the 10M-turn benchmark's hourly 7-day series reads 8,400 rows).
 *
 * <p>A window is settled {@link SettledWindow#AFTER} after it ended ({@link SettledWindow}), but a turn of that age
 * arriving later (a backfill, an import, a turn days late) still changes its rollup rows. So every entry remembers the tenant's {@link SettledGeneration} it was read under and is served only while that is
 * current: the sink bumps it with every write into settled windows. Kept per window with every key and every figure
 * but the latency sketch; each query filters keys and cuts the figures to what it needs. Queries that need sketches read PostgreSQL as before. At most {@value #MAX_ROWS} rows are
 * kept, the cache emptied when it would grow beyond.
 */
@ApplicationScoped
public class SettledWindows {

    static final int MAX_ROWS = 300_000;
    /** Everything a cached row may be asked for (sketches excepted). */
    private static final Needs EVERYTHING = new Needs(EnumSet.allOf(TokenKind.class), true, true, false);

    private final FiguresRepository figures;
    private final Map<CacheKey, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicInteger rows = new AtomicInteger();

    /** agentmeter.query.settled-window-cache: off, nothing is served from memory. */
    private final boolean enabled;

    public SettledWindows(FiguresRepository figures, QueryConfig config) {
        this.enabled = config.query().settledWindowCache();
        this.figures = figures;
    }

    private record CacheKey(String tenantId, RollupTable table, WindowSize size, Instant start) {
    }

    private record Entry(List<FiguresRepository.RollupRow> rows, long generation) {
    }

    /**
     * The first window start of {@code size} this cache does not serve for a query that needs {@code needs}: windows
     * starting before it are settled at {@code now} and read here; {@link Instant#MIN} when it serves none (turned
     * off, minute windows, or latency sketches needed).
     */
    public Instant servedBefore(WindowSize size, Needs needs, Instant now) {
        if (!enabled || size == WindowSize.ONE_MINUTE || needs.sketches()) {
            return Instant.MIN;
        }
        return SettledWindow.settledBefore(now).minus(size.size());
    }

    /**
     * The figures of the {@code size} windows starting in {@code ranges} (all settled), per (bucket, group), as
     * {@link FiguresRepository#fromRollups} sums them: the keys that pass the filter. Windows kept under another
     * {@code generation} than the tenant's current one (read before this) are read again.
     */
    public Map<Key, Figures> read(RollupTable table, WindowSize size, List<Range> ranges, Filter filter,
                                  Bucketing bucketing, Optional<Dimension> groupBy, Needs needs, long generation)
            throws SQLException {
        Map<Instant, List<FiguresRepository.RollupRow>> windows = new HashMap<>();
        List<Range> missing = new ArrayList<>();
        for (Range range : ranges) {
            for (Instant start = range.from(); start.isBefore(range.to()); start = start.plus(size.size())) {
                Entry entry = cache.get(new CacheKey(filter.tenantId(), table, size, start));
                if (entry != null && entry.generation() == generation) {
                    windows.put(start, entry.rows());
                } else if (!missing.isEmpty() && missing.get(missing.size() - 1).to().equals(start)) {
                    missing.set(missing.size() - 1, new Range(missing.get(missing.size() - 1).from(),
                            start.plus(size.size())));
                } else {
                    missing.add(new Range(start, start.plus(size.size())));
                }
            }
        }
        if (!missing.isEmpty()) {
            windows.putAll(fill(table, size, missing, filter.tenantId(), generation));
        }
        Map<Key, Figures> out = new HashMap<>();
        for (Map.Entry<Instant, List<FiguresRepository.RollupRow>> window : windows.entrySet()) {
            long bucket = bucketing.bucketOf(window.getKey().getEpochSecond());
            for (FiguresRepository.RollupRow row : window.getValue()) {
                if (table.passes(row.key(), filter)) {
                    out.merge(new Key(bucket, table.groupOf(row.key(), groupBy)), row.figures().only(needs),
                            Figures::merge);
                }
            }
        }
        return out;
    }

    /** Forgets every entry (tests). */
    public void clear() {
        cache.clear();
        rows.set(0);
    }

    /**
     * Reads the windows starting in {@code missing} (every one of them, with or without rows) and keeps them under
     * {@code generation}.
     */
    private Map<Instant, List<FiguresRepository.RollupRow>> fill(RollupTable table, WindowSize size,
                                                               List<Range> missing, String tenantId, long generation)
            throws SQLException {
        Map<Instant, List<FiguresRepository.RollupRow>> read = new HashMap<>();
        for (Range range : missing) {
            for (Instant start = range.from(); start.isBefore(range.to()); start = start.plus(size.size())) {
                read.put(start, new ArrayList<>());
            }
        }
        List<FiguresRepository.RollupRow> all = figures.rollupRows(table, size, missing, tenantId, EVERYTHING);
        for (FiguresRepository.RollupRow row : all) {
            read.get(Instant.ofEpochSecond(row.windowStart())).add(row);
        }
        if (rows.addAndGet(all.size()) > MAX_ROWS) {
            clear();
            rows.addAndGet(all.size());
        }
        read.forEach((start, list) -> {
            Entry replaced = cache.put(new CacheKey(tenantId, table, size, start),
                    new Entry(List.copyOf(list), generation));
            if (replaced != null) {
                rows.addAndGet(-replaced.rows().size());
            }
        });
        return read;
    }
}
