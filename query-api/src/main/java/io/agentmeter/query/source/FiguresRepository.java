package io.agentmeter.query.source;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.Sketches;
import io.agentmeter.query.figures.TokenKind;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.rollup.LatencySketch;
import io.agentmeter.schema.rollup.WindowSize;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sums figures per (bucket, group) from a rollup table or from the turns table, in SQL, with the same result columns
 * either way, read by one row mapper ({@link #figures}). Always bounded by tenant and time ranges.
 */
@ApplicationScoped
public class FiguresRepository {

    /** Sums over rollup rows: token sums skip NULLs (no turn reported), coverage counts add up. */
    private static final String ROLLUP_FIGURES = """
            sum(r.turns)::bigint, sum(r.error_turns)::bigint,
            sum(r.input_tokens)::bigint, sum(r.input_tokens_turns)::bigint,
            sum(r.output_tokens)::bigint, sum(r.output_tokens_turns)::bigint,
            sum(r.cache_read_tokens)::bigint, sum(r.cache_read_tokens_turns)::bigint,
            sum(r.cache_write_tokens)::bigint, sum(r.cache_write_tokens_turns)::bigint,
            sum(r.cache_write_1h_tokens)::bigint, sum(r.cache_write_1h_tokens_turns)::bigint,
            sum(r.reasoning_tokens)::bigint, sum(r.reasoning_tokens_turns)::bigint,
            sum(r.total_tokens)::bigint, sum(r.total_tokens_turns)::bigint,
            sum(r.cost_usd), sum(r.cost_turns)::bigint, sum(r.unpriced_turns)::bigint,
            sum(r.incomplete_cost_turns)::bigint, sum(r.duration_ms_sum)::bigint, sum(r.duration_turns)::bigint""";
    private static final String ROLLUP_TOOLS = """
            , sum(r.tool_calls)::bigint, sum(r.tool_duration_ms)::bigint, sum(r.tool_input_tokens)::bigint,
            sum(r.tool_output_tokens)::bigint""";
    private static final String ROLLUP_SKETCHES =
            ", array_agg(r.latency_sketch) FILTER (WHERE r.latency_sketch IS NOT NULL)";

    /** The same figures over turn rows: SUM skips NULLs, COUNT(column) is the coverage. */
    private static final String TURN_FIGURES = """
            count(*), count(*) FILTER (WHERE t.status = 'error'),
            sum(t.input_tokens)::bigint, count(t.input_tokens),
            sum(t.output_tokens)::bigint, count(t.output_tokens),
            sum(t.cache_read_tokens)::bigint, count(t.cache_read_tokens),
            sum(t.cache_write_tokens)::bigint, count(t.cache_write_tokens),
            sum(t.cache_write_1h_tokens)::bigint, count(t.cache_write_1h_tokens),
            sum(t.reasoning_tokens)::bigint, count(t.reasoning_tokens),
            sum(t.total_tokens)::bigint, count(t.total_tokens),
            sum(t.cost_usd), count(t.cost_usd), count(*) FILTER (WHERE t.cost_status = 'unpriced'),
            count(*) FILTER (WHERE t.cost_status = 'incomplete'), sum(t.duration_ms)::bigint, count(t.duration_ms)""";
    private static final String TURN_TOOLS = ", sum(tl.calls)::bigint, sum(tl.duration_ms)::bigint,"
            + " sum(tl.input_tokens)::bigint, sum(tl.output_tokens)::bigint";
    private static final String TURN_SKETCHES =
            ", array_agg(t.duration_ms) FILTER (WHERE t.duration_ms IS NOT NULL)";
    /** One row per distinct tool a turn called, its entries' figures summed: what the tool rollups count. */
    private static final String TOOLS_OF_TURN = """
             CROSS JOIN LATERAL (SELECT e->>'name' AS name, sum((e->>'calls')::bigint) AS calls,
                sum((e->>'duration_ms')::bigint) AS duration_ms, sum((e->>'input_tokens')::bigint) AS input_tokens,
                sum((e->>'output_tokens')::bigint) AS output_tokens
                FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t.tools) = 'array' THEN t.tools ELSE '[]' END) e
                GROUP BY 1) tl""";

    private final DataSource dataSource;

    public FiguresRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Figures from the {@code size} windows of {@code table} whose start lies in {@code ranges}. */
    public Map<Key, Figures> fromRollups(RollupTable table, WindowSize size, List<Range> ranges, Filter filter,
                                         Bucketing bucketing, Optional<Dimension> groupBy, boolean sketches)
            throws SQLException {
        List<Object> select = new ArrayList<>();
        String bucket = bucketing.expression("r.window_start", select);
        String group = groupBy.map(d -> "r." + d.value()).orElse("''");
        boolean tools = table == RollupTable.TOOL;
        Sql.RangeClause range = Sql.inRanges(table.table(), "r", "r.window_start", ranges);
        List<Object> where = new ArrayList<>(range.whereParams());
        where.add(filter.tenantId());
        where.add(size.label());
        StringBuilder conditions = new StringBuilder();
        for (Dimension d : filter.restricted()) {
            conditions.append(Sql.anyOf("r." + d.value(), filter.values(d), where));
        }
        String sql = "SELECT " + bucket + ", " + group + ", " + ROLLUP_FIGURES + (tools ? ROLLUP_TOOLS : "")
                + (sketches ? ROLLUP_SKETCHES : "") + " FROM " + range.from() + " WHERE " + range.where()
                + " AND r.tenant_id = ? AND r.window_size = ?" + conditions + " GROUP BY 1, 2";
        return run(sql, concat(select, range.fromParams(), where), tools, sketches ? Sketch.ROLLUP : Sketch.NONE);
    }

    /** Figures from the turns whose {@code occurred_at} lies in {@code ranges}. */
    public Map<Key, Figures> fromTurns(List<Range> ranges, Filter filter, Bucketing bucketing,
                                       Optional<Dimension> groupBy, boolean sketches) throws SQLException {
        List<Object> select = new ArrayList<>();
        String bucket = bucketing.expression("t.occurred_at", select);
        boolean tools = groupBy.orElse(null) == Dimension.TOOL;
        String group = groupBy.map(d -> d == Dimension.TOOL ? "tl.name" : "coalesce(t." + d.value() + ", '')")
                .orElse("''");
        Sql.RangeClause range = Sql.inRanges("turns", "t", "t.occurred_at", ranges);
        List<Object> where = new ArrayList<>(range.whereParams());
        where.add(filter.tenantId());
        String conditions = conditions(filter, where);
        String sql = "SELECT " + bucket + ", " + group + ", " + TURN_FIGURES + (tools ? TURN_TOOLS : "")
                + (sketches ? TURN_SKETCHES : "") + " FROM " + range.from() + (tools ? " " + TOOLS_OF_TURN : "")
                + " WHERE " + range.where() + " AND t.tenant_id = ?" + conditions + " GROUP BY 1, 2";
        return run(sql, concat(select, range.fromParams(), where), tools, sketches ? Sketch.DURATIONS : Sketch.NONE);
    }

    /**
     * Figures of the turns whose {@code column} (session_id or recording_id) is one of {@code ids}, grouped by
     * {@code groupColumn} (a turns column, e.g. the id itself or model). Bounded by the tenant and the ids' index.
     */
    public Map<Key, Figures> fromTurnsOf(String tenantId, String column, List<String> ids, String groupColumn,
                                         boolean sketches) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.add(ids.toArray(String[]::new));
        String sql = "SELECT 0::bigint, coalesce(t." + groupColumn + ", ''), " + TURN_FIGURES
                + (sketches ? TURN_SKETCHES : "") + " FROM turns t WHERE t.tenant_id = ? AND t." + column
                + " = ANY(?) GROUP BY 1, 2";
        return run(sql, params, false, sketches ? Sketch.DURATIONS : Sketch.NONE);
    }

    /** The filter's conditions on turn rows ({@code t}): dimensions and labels. */
    public static String conditions(Filter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        for (Dimension d : filter.restricted()) {
            sql.append(Sql.anyOf("t." + d.value(), filter.values(d), params));
        }
        if (!filter.labels().isEmpty()) {
            try {
                params.add(Json.mapper().writeValueAsString(filter.labels()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            sql.append(" AND t.labels @> ?::jsonb");
        }
        return sql.toString();
    }

    private enum Sketch { NONE, ROLLUP, DURATIONS }

    private Map<Key, Figures> run(String sql, List<Object> params, boolean tools, Sketch sketch) throws SQLException {
        Map<Key, Figures> out = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Key key = new Key(rows.getLong(1), rows.getString(2));
                    Figures figures = figures(rows, 3);
                    int next = 3 + 22;
                    if (tools) {
                        figures.withTools(long_(rows, next), long_(rows, next + 1), long_(rows, next + 2),
                                long_(rows, next + 3));
                        next += 4;
                    }
                    if (sketch == Sketch.ROLLUP) {
                        figures.withLatency(mergeSketches(rows.getArray(next)));
                    } else if (sketch == Sketch.DURATIONS) {
                        figures.withLatency(sketchOf(rows.getArray(next)));
                    }
                    out.merge(key, figures, Figures::merge);
                }
            }
        }
        return out;
    }

    /** The row mapper: 22 columns from {@code first} on, in the order of {@link #ROLLUP_FIGURES}. */
    public static Figures figures(ResultSet rows, int first) throws SQLException {
        int kinds = TokenKind.values().length;
        Long[] tokens = new Long[kinds];
        long[] coverage = new long[kinds];
        int c = first;
        long turns = rows.getLong(c++);
        long errors = rows.getLong(c++);
        for (int k = 0; k < kinds; k++) {
            tokens[k] = long_(rows, c++);
            coverage[k] = rows.getLong(c++);
        }
        BigDecimal cost = rows.getBigDecimal(c++);
        long costTurns = rows.getLong(c++);
        long unpriced = rows.getLong(c++);
        long incomplete = rows.getLong(c++);
        Long durationSum = long_(rows, c++);
        long durationTurns = rows.getLong(c);
        return Figures.of(turns, errors, tokens, coverage, cost, costTurns, unpriced, incomplete, durationSum,
                durationTurns);
    }

    public static Long long_(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static LatencySketch mergeSketches(Array array) throws SQLException {
        if (array == null) {
            return LatencySketch.EMPTY;
        }
        Object[] values = (Object[]) array.getArray();
        LatencySketch merged = LatencySketch.EMPTY;
        for (Object value : values) {
            LatencySketch sketch = LatencySketch.fromBytes((byte[]) value);
            merged = merged.isEmpty() ? sketch : merged.merge(sketch);
        }
        return merged;
    }

    private static LatencySketch sketchOf(Array array) throws SQLException {
        if (array == null) {
            return LatencySketch.EMPTY;
        }
        Object[] values = (Object[]) array.getArray();
        long[] durations = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = ((Number) values[i]).longValue();
        }
        return Sketches.of(durations);
    }

    @SafeVarargs
    private static List<Object> concat(List<Object>... parts) {
        List<Object> all = new ArrayList<>();
        for (List<Object> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
