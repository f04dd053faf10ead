package io.agentmeter.aggregator.it;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Reads back what the sink wrote, in the shape {@link Recomputation} computes. */
final class Database {

    private static final String FIGURES = "turns, error_turns, input_tokens, input_tokens_turns, output_tokens,"
            + " output_tokens_turns, cache_read_tokens, cache_read_tokens_turns, cost_usd, cost_turns,"
            + " unpriced_turns, incomplete_cost_turns, duration_ms_sum, duration_ms_min, duration_ms_max,"
            + " duration_turns";
    private static final String WINDOW = "window_size || '|' || to_char(window_start AT TIME ZONE 'UTC',"
            + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

    private final DataSource dataSource;

    Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1; // the database may be down on purpose
        }
    }

    Map<String, Figures> sessions() throws SQLException {
        return figures("SELECT tenant_id || '|' || session_id, " + FIGURES + ", NULL FROM session_rollups");
    }

    Map<String, Figures> models() throws SQLException {
        return figures("SELECT tenant_id || '|' || " + WINDOW + " || '|' || project || '|' || provider || '|' || model, "
                + FIGURES + ", NULL FROM model_rollups");
    }

    Map<String, Figures> agents() throws SQLException {
        return figures("SELECT tenant_id || '|' || " + WINDOW + " || '|' || agent, " + FIGURES
                + ", NULL FROM agent_rollups");
    }

    Map<String, Figures> tools() throws SQLException {
        return figures("SELECT tenant_id || '|' || " + WINDOW + " || '|' || tool, " + FIGURES
                + ", tool_calls FROM tool_rollups");
    }

    /** tenant/event_id → [cost_status, cost_usd] of every stored turn; fails if an event is stored twice. */
    Map<String, Object[]> turns() throws SQLException {
        Map<String, Object[]> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT tenant_id || '/' || event_id, cost_status, cost_usd, late"
                     + " FROM turns")) {
            while (rows.next()) {
                Object[] previous = out.put(rows.getString(1), new Object[] {rows.getString(2),
                        rows.getBigDecimal(3) == null ? null : rows.getBigDecimal(3).stripTrailingZeros(),
                        rows.getBoolean(4)});
                if (previous != null) {
                    throw new AssertionError("turn stored twice: " + rows.getString(1));
                }
            }
        }
        return out;
    }

    private Map<String, Figures> figures(String sql) throws SQLException {
        Map<String, Figures> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                int i = 1;
                String key = r.getString(i++);
                long turns = r.getLong(i++);
                long errors = r.getLong(i++);
                Long in = nullableLong(r, i++);
                long inTurns = r.getLong(i++);
                Long out2 = nullableLong(r, i++);
                long outTurns = r.getLong(i++);
                Long cache = nullableLong(r, i++);
                long cacheTurns = r.getLong(i++);
                BigDecimal cost = r.getBigDecimal(i++);
                long costTurns = r.getLong(i++);
                long unpriced = r.getLong(i++);
                long incomplete = r.getLong(i++);
                Long dSum = nullableLong(r, i++);
                Long dMin = nullableLong(r, i++);
                Long dMax = nullableLong(r, i++);
                long dTurns = r.getLong(i++);
                Long toolCalls = nullableLong(r, i);
                out.put(key, new Figures(turns, errors, in, inTurns, out2, outTurns, cache, cacheTurns, cost,
                        costTurns, unpriced, incomplete, dSum, dMin, dMax, dTurns, toolCalls));
            }
        }
        return out;
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }
}
