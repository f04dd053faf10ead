package io.agentmeter.query.source;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.Needs;
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
import java.util.function.LongUnaryOperator;
import javax.sql.DataSource;

/**
 * Sums figures per (bucket, group) from a rollup table or from the turns table, in SQL, with the same result columns
 * either way, read by one row mapper ({@link #figures}). Always bounded by tenant and time ranges.
 */
@ApplicationScoped
public class FiguresRepository {

    private static final String ROLLUP_TOOLS = """
            , sum(r.tool_calls)::bigint, sum(r.tool_duration_ms)::bigint, sum(r.tool_input_tokens)::bigint,
            sum(r.tool_output_tokens)::bigint""";
    private static final String ROLLUP_SKETCHES = ", " + Sketches.PACKED;

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

    /**
     * The 22 figure columns over rollup rows {@code r}: token sums skip NULLs (no turn reported), coverage counts
     * (summed as int, one row never holds 2^31 turns) add up. Figures {@code needs} leaves out are constants.
     */
    static String rollupFigures(Needs needs) {
        StringBuilder sql = new StringBuilder("sum(r.turns::int)::bigint, sum(r.error_turns::int)::bigint");
        for (TokenKind kind : TokenKind.values()) {
            sql.append(needs.tokens().contains(kind) ? ", sum(r." + kind.column() + ")::bigint, sum(r."
                    + kind.coverage() + "::int)::bigint" : ", NULL::bigint, 0::bigint");
        }
        sql.append(needs.cost() ? ", sum(r.cost_usd), sum(r.cost_turns::int)::bigint, sum(r.unpriced_turns::int)::bigint,"
                + " sum(r.incomplete_cost_turns::int)::bigint" : ", NULL::numeric, 0::bigint, 0::bigint, 0::bigint");
        sql.append(needs.duration() ? ", sum(r.duration_ms_sum)::bigint, sum(r.duration_turns::int)::bigint"
                : ", NULL::bigint, 0::bigint");
        return sql.toString();
    }

    /** The same 22 columns over turn rows {@code t}: SUM skips NULLs, COUNT(column) is the coverage. */
    static String turnFigures(Needs needs) {
        StringBuilder sql = new StringBuilder("count(*), count(*) FILTER (WHERE t.status = 'error')");
        for (TokenKind kind : TokenKind.values()) {
            sql.append(needs.tokens().contains(kind) ? ", sum(t." + kind.column() + ")::bigint, count(t."
                    + kind.column() + ")" : ", NULL::bigint, 0::bigint");
        }
        sql.append(needs.cost() ? ", sum(t.cost_usd), count(t.cost_usd), count(*) FILTER (WHERE t.cost_status ="
                + " 'unpriced'), count(*) FILTER (WHERE t.cost_status = 'incomplete')"
                : ", NULL::numeric, 0::bigint, 0::bigint, 0::bigint");
        sql.append(needs.duration() ? ", sum(t.duration_ms)::bigint, count(t.duration_ms)"
                : ", NULL::bigint, 0::bigint");
        return sql.toString();
    }

    private final DataSource dataSource;

    public FiguresRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Figures from the {@code size} windows of {@code table} whose start lies in {@code ranges}. */
    public Map<Key, Figures> fromRollups(RollupTable table, WindowSize size, List<Range> ranges, Filter filter,
                                         Bucketing bucketing, Optional<Dimension> groupBy, Needs needs)
            throws SQLException {
        List<Object> select = new ArrayList<>();
        String head = rollupSelect(table, bucketing, groupBy, needs, select);
        Sql.RangeClause range = Sql.inRanges(table.table(), "r", "r.window_start", ranges,
                "x.tenant_id = ? AND x.window_size = ?", List.of(filter.tenantId(), size.label()));
        List<Object> where = new ArrayList<>(range.whereParams());
        where.add(filter.tenantId());
        where.add(size.label());
        StringBuilder conditions = new StringBuilder(rollupConditions(filter, where));
        String sql = head + " FROM " + range.from() + " WHERE " + range.where()
                + " AND r.tenant_id = ? AND r.window_size = ?" + conditions + " GROUP BY 1, 2";
        return run(sql, concat(select, range.fromParams(), where), table == RollupTable.TOOL,
                needs.sketches() ? Sketch.ROLLUP : Sketch.NONE, bucketing::bucketOf);
    }

    /** One rollup row: its window's start, its key (the table's key columns, in order) and its figures. */
    public record RollupRow(long windowStart, List<String> key, Figures figures) {
    }

    /**
     * Every row of the {@code size} windows of {@code table} whose start lies in {@code ranges}, each with the
     * figures {@code needs} asks for (never sketches), every key whatever a query's filter (the caller filters).
     */
    public List<RollupRow> rollupRows(RollupTable table, WindowSize size, List<Range> ranges, String tenantId,
                                      Needs needs) throws SQLException {
        Sql.RangeClause range = Sql.inRanges(table.table(), "r", "r.window_start", ranges,
                "x.tenant_id = ? AND x.window_size = ?", List.of(tenantId, size.label()));
        List<Object> where = new ArrayList<>(range.whereParams());
        where.add(tenantId);
        where.add(size.label());
        int keys = table.keyColumns().size();
        StringBuilder columns = new StringBuilder();
        StringBuilder groups = new StringBuilder("1");
        for (int k = 0; k < keys; k++) {
            columns.append(", r.").append(table.keyColumns().get(k));
            groups.append(", ").append(k + 2);
        }
        boolean tools = table == RollupTable.TOOL;
        // Grouped by the primary key (one row a group) so that the one row mapper reads the same sums as elsewhere.
        String sql = "SELECT extract(epoch FROM r.window_start)::bigint" + columns + ", "
                + rollupFigures(needs.withSketches(false)) + (tools ? ROLLUP_TOOLS : "") + " FROM " + range.from()
                + " WHERE " + range.where() + " AND r.tenant_id = ? AND r.window_size = ? GROUP BY " + groups;
        List<RollupRow> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, concat(range.fromParams(), where));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String[] key = new String[keys];
                    for (int k = 0; k < keys; k++) {
                        key[k] = rows.getString(k + 2);
                    }
                    Figures figures = figures(rows, keys + 2);
                    if (tools) {
                        int next = keys + 2 + 22;
                        figures.withTools(long_(rows, next), long_(rows, next + 1), long_(rows, next + 2),
                                long_(rows, next + 3));
                    }
                    out.add(new RollupRow(rows.getLong(1), List.of(key), figures));
                }
            }
        }
        return out;
    }

    /** Figures from the turns whose {@code occurred_at} lies in {@code ranges}. */
    public Map<Key, Figures> fromTurns(List<Range> ranges, Filter filter, Bucketing bucketing,
                                       Optional<Dimension> groupBy, Needs needs) throws SQLException {
        List<Object> select = new ArrayList<>();
        boolean tools = groupBy.orElse(null) == Dimension.TOOL;
        String head = turnSelect(bucketing, groupBy, needs, select);
        Sql.RangeClause range = Sql.inRanges("turns", "t", "t.occurred_at", ranges, "x.tenant_id = ?",
                List.of(filter.tenantId()));
        List<Object> where = new ArrayList<>(range.whereParams());
        where.add(filter.tenantId());
        String conditions = conditions(filter, where);
        String sql = head + " FROM " + range.from() + (tools ? " " + TOOLS_OF_TURN : "")
                + " WHERE " + range.where() + " AND t.tenant_id = ?" + conditions + " GROUP BY 1, 2";
        return run(sql, concat(select, range.fromParams(), where), tools,
                needs.sketches() ? Sketch.DURATIONS : Sketch.NONE, bucketing::bucketOf);
    }

    private static String rollupSelect(RollupTable table, Bucketing bucketing, Optional<Dimension> groupBy,
                                       Needs needs, List<Object> params) {
        String bucket = bucketing.expression("r.window_start", true);
        String group = groupBy.map(d -> "r." + d.value()).orElse("''");
        return "SELECT " + bucket + ", " + group + ", " + rollupFigures(needs)
                + (table == RollupTable.TOOL ? ROLLUP_TOOLS : "") + (needs.sketches() ? ROLLUP_SKETCHES : "");
    }

    private static String turnSelect(Bucketing bucketing, Optional<Dimension> groupBy, Needs needs,
                                     List<Object> params) {
        String bucket = bucketing.expression("t.occurred_at", false);
        boolean tools = groupBy.orElse(null) == Dimension.TOOL;
        String group = groupBy.map(d -> d == Dimension.TOOL ? "tl.name" : "coalesce(t." + d.value() + ", '')")
                .orElse("''");
        return "SELECT " + bucket + ", " + group + ", " + turnFigures(needs) + (tools ? TURN_TOOLS : "")
                + (needs.sketches() ? TURN_SKETCHES : "");
    }

    private static String rollupConditions(Filter filter, List<Object> params) {
        StringBuilder conditions = new StringBuilder();
        for (Dimension d : filter.restricted()) {
            conditions.append(Sql.anyOf("r." + d.value(), filter.values(d), params));
        }
        return conditions.toString();
    }

    /**
     * Figures of the turns whose {@code column} (session_id or recording_id, see {@link TurnsOf}) is one of
     * {@code ids}, grouped by {@code groupColumn} (a turns column, e.g. the id itself or model). Bounded by the
     * tenant and the ids' index.
     */
    public Map<Key, Figures> fromTurnsOf(String tenantId, String column, List<String> ids, String groupColumn,
                                         boolean sketches) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.add(ids.toArray(String[]::new));
        TurnsOf of = TurnsOf.byColumn(column);
        String group = groupColumn.equals(column) ? of.id() : "t." + groupColumn;
        String sql = "SELECT 0::bigint, coalesce(" + group + ", ''), " + turnFigures(Needs.ALL)
                + (sketches ? TURN_SKETCHES : "") + " FROM " + of.from() + " WHERE t.tenant_id = ? AND " + of.id()
                + " = ANY(?) GROUP BY 1, 2";
        return run(sql, params, false, sketches ? Sketch.DURATIONS : Sketch.NONE, Bucketing.none()::bucketOf);
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

    /** @param bucketOf the bucket of a row's first column (a window start, or a tag taken as it is) */
    private Map<Key, Figures> run(String sql, List<Object> params, boolean tools, Sketch sketch,
                                  LongUnaryOperator bucketOf) throws SQLException {
        Map<Key, Figures> out = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Key key = new Key(bucketOf.applyAsLong(rows.getLong(1)), rows.getString(2));
                    Figures figures = figures(rows, 3);
                    int next = 3 + 22;
                    if (tools) {
                        figures.withTools(long_(rows, next), long_(rows, next + 1), long_(rows, next + 2),
                                long_(rows, next + 3));
                        next += 4;
                    }
                    if (sketch == Sketch.ROLLUP) {
                        figures.withLatency(Sketches.mergePacked(rows.getBytes(next)));
                    } else if (sketch == Sketch.DURATIONS) {
                        figures.withLatency(sketchOf(rows.getArray(next)));
                    }
                    out.merge(key, figures, Figures::merge);
                }
            }
        }
        return out;
    }

    /** The row mapper: 22 columns from {@code first} on, in the order of {@link #rollupFigures}. */
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
