package io.agentmeter.query.oracle;

import io.agentmeter.query.it.Expected;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The plain SQL recomputation every answer is held to: GROUP BYs over the stored {@code turns} rows (one per (tenant,
 * event id), the first copy), nothing else. SUM skips NULL and coverage is COUNT(column), so an unreported count is
 * never taken as 0. Recordings are joined by time: a turn belongs to the recording of its (tenant, user) whose
 * {@code [started_at, stopped_at)} holds its {@code occurred_at} (the workload sends no explicit recording id).
 */
final class Recompute {

    static final List<String> TOKEN_COLUMNS = List.of("input_tokens", "output_tokens", "cache_read_tokens",
            "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens", "total_tokens");

    /** Figures of a group of turns {@code t}: 2 + 2 × 7 + 5 columns. */
    private static final String FIGURES = "count(*), count(*) FILTER (WHERE t.status = 'error'), "
            + String.join(", ", TOKEN_COLUMNS.stream().map(c -> "sum(t." + c + ")::bigint, count(t." + c + ")")
            .toList())
            + ", sum(t.cost_usd), count(t.cost_usd), count(*) FILTER (WHERE t.cost_status = 'unpriced'),"
            + " count(*) FILTER (WHERE t.cost_status = 'incomplete'), count(t.duration_ms)";

    /** A turn's tools counted once per distinct name; turns without tools fall in no tool group. */
    static final String TOOL_JOIN = " CROSS JOIN LATERAL (SELECT DISTINCT e->>'name' AS tool FROM"
            + " jsonb_array_elements(CASE WHEN jsonb_typeof(t.tools) = 'array' THEN t.tools ELSE '[]' END) e) x";

    /** The recording a turn belongs to by time (null: none). */
    static final String RECORDING_BY_TIME = "(SELECT r.recording_id FROM recordings r WHERE r.tenant_id = t.tenant_id"
            + " AND r.user_id = t.user_id AND r.started_at <= t.occurred_at"
            + " AND (r.stopped_at IS NULL OR t.occurred_at < r.stopped_at) ORDER BY r.started_at DESC LIMIT 1)";

    /** Figures and the count of distinct durations they stand on. */
    record Figures(Expected expected, long durationTurns) {
        static Figures none() {
            return new Figures(new Expected(), 0);
        }
    }

    record SessionFacts(String sessionId, Instant firstSeen, Instant lastSeen, Figures figures, Long contextPeak,
                        String project, String agent, String userId, List<String> models,
                        List<String> recordingIds) {
    }

    record TurnFacts(String eventId, Instant occurredAt, String sessionId, String model, String userId,
                     Long[] tokens, String costStatus, BigDecimal costUsd, String recordingByTime) {
    }

    private final DataSource dataSource;

    Recompute(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Figures per group over [from, to): {@code groups} are SQL expressions over {@code t} (and {@code x.tool} with
     * {@code toolJoin}); the key holds their values (timestamps as Instant, null for not reported).
     */
    Map<List<Object>, Figures> figures(String tenant, Instant from, Instant to, List<String> groups,
                                       boolean toolJoin) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        groups.forEach(g -> sql.append(g).append(", "));
        sql.append(FIGURES).append(" FROM turns t").append(toolJoin ? TOOL_JOIN : "")
                .append(" WHERE t.tenant_id = ? AND t.occurred_at >= ? AND t.occurred_at < ?");
        if (!groups.isEmpty()) {
            sql.append(" GROUP BY ");
            for (int i = 1; i <= groups.size(); i++) {
                sql.append(i == 1 ? "" : ", ").append(i);
            }
        }
        Map<List<Object>, Figures> out = new LinkedHashMap<>();
        query(sql.toString(), List.of(tenant, ts(from), ts(to)), rs -> {
            List<Object> key = new ArrayList<>();
            for (int i = 1; i <= groups.size(); i++) {
                key.add(value(rs.getObject(i)));
            }
            Figures f = figures(rs, groups.size() + 1);
            if (f.expected().turns > 0) {
                out.put(key, f);
            }
        });
        return out;
    }

    /** Figures of one range, no grouping (empty figures when it has no turns). */
    Figures total(String tenant, Instant from, Instant to) throws SQLException {
        return figures(tenant, from, to, List.of(), false).getOrDefault(List.of(), Figures.none());
    }

    long sessions(String tenant, Instant from, Instant to) throws SQLException {
        long[] n = new long[1];
        query("SELECT count(DISTINCT session_id) FROM turns WHERE tenant_id = ? AND occurred_at >= ?"
                + " AND occurred_at < ?", List.of(tenant, ts(from), ts(to)), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** Every session with a turn in [from, to), with its figures over all its turns. */
    Map<String, SessionFacts> sessionsIn(String tenant, Instant from, Instant to) throws SQLException {
        String sql = "SELECT t.session_id, min(t.occurred_at), max(t.occurred_at), max(t.context_used_tokens),"
                + " (array_agg(t.project ORDER BY t.occurred_at DESC) FILTER (WHERE t.project IS NOT NULL))[1],"
                + " (array_agg(t.agent ORDER BY t.occurred_at DESC) FILTER (WHERE t.agent IS NOT NULL))[1],"
                + " (array_agg(t.user_id ORDER BY t.occurred_at DESC) FILTER (WHERE t.user_id IS NOT NULL))[1],"
                + " array_to_string(array_agg(DISTINCT t.model ORDER BY t.model), ','),"
                + " array_to_string(array_agg(DISTINCT " + RECORDING_BY_TIME + ") FILTER (WHERE "
                + RECORDING_BY_TIME + " IS NOT NULL), ','), "
                + FIGURES + " FROM turns t WHERE t.tenant_id = ? GROUP BY t.session_id"
                + " HAVING bool_or(t.occurred_at >= ? AND t.occurred_at < ?)";
        Map<String, SessionFacts> out = new LinkedHashMap<>();
        query(sql, List.of(tenant, ts(from), ts(to)), rs -> {
            String recordings = rs.getString(9);
            out.put(rs.getString(1), new SessionFacts(rs.getString(1), instant(rs.getObject(2)),
                    instant(rs.getObject(3)), figures(rs, 10), (Long) value(rs.getObject(4)), rs.getString(5),
                    rs.getString(6), rs.getString(7), Arrays.asList(rs.getString(8).split(",")),
                    recordings == null || recordings.isEmpty() ? List.of()
                            : Arrays.stream(recordings.split(",")).sorted().toList()));
        });
        return out;
    }

    /** The stored turns of [from, to) in time order (then event id), with the recording each belongs to by time. */
    List<TurnFacts> turns(String tenant, Instant from, Instant to) throws SQLException {
        String sql = "SELECT t.event_id, t.occurred_at, t.session_id, t.model, t.user_id, "
                + String.join(", ", TOKEN_COLUMNS.stream().map(c -> "t." + c).toList())
                + ", t.cost_status, t.cost_usd, " + RECORDING_BY_TIME + " FROM turns t WHERE t.tenant_id = ?"
                + " AND t.occurred_at >= ? AND t.occurred_at < ? ORDER BY t.occurred_at, t.event_id";
        List<TurnFacts> out = new ArrayList<>();
        query(sql, List.of(tenant, ts(from), ts(to)), rs -> {
            Long[] tokens = new Long[TOKEN_COLUMNS.size()];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = (Long) value(rs.getObject(6 + i));
            }
            out.add(new TurnFacts(rs.getString(1), instant(rs.getObject(2)), rs.getString(3), rs.getString(4),
                    rs.getString(5), tokens, rs.getString(13), rs.getBigDecimal(14), rs.getString(15)));
        });
        return out;
    }

    /** Every stored turn of the tenant, whatever its time (for the first-copy check). */
    Map<String, TurnFacts> allTurns(String tenant) throws SQLException {
        Map<String, TurnFacts> out = new HashMap<>();
        for (TurnFacts t : turns(tenant, Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"))) {
            out.put(t.eventId(), t);
        }
        return out;
    }

    /** Figures of each recording's turns by time, grouped by recording and then {@code by} (null: no second group). */
    Map<List<Object>, Figures> recordings(String tenant, String by) throws SQLException {
        String group = by == null ? "" : ", t." + by;
        String sql = "SELECT r.recording_id" + group + ", " + FIGURES + " FROM recordings r JOIN turns t"
                + " ON t.tenant_id = r.tenant_id AND t.user_id = r.user_id AND t.occurred_at >= r.started_at"
                + " AND (r.stopped_at IS NULL OR t.occurred_at < r.stopped_at)"
                + " WHERE r.tenant_id = ? GROUP BY r.recording_id" + group;
        Map<List<Object>, Figures> out = new LinkedHashMap<>();
        int groups = by == null ? 1 : 2;
        query(sql, List.of(tenant), rs -> {
            List<Object> key = new ArrayList<>();
            for (int i = 1; i <= groups; i++) {
                key.add(value(rs.getObject(i)));
            }
            out.put(key, figures(rs, groups + 1));
        });
        return out;
    }

    /** A recording's turns by time, in time order (event ids). */
    List<String> recordingTurns(String tenant, String recordingId) throws SQLException {
        List<String> out = new ArrayList<>();
        query("SELECT t.event_id FROM recordings r JOIN turns t ON t.tenant_id = r.tenant_id AND t.user_id = r.user_id"
                + " AND t.occurred_at >= r.started_at AND (r.stopped_at IS NULL OR t.occurred_at < r.stopped_at)"
                + " WHERE r.tenant_id = ? AND r.recording_id = ? ORDER BY t.occurred_at, t.event_id",
                List.of(tenant, recordingId), rs -> out.add(rs.getString(1)));
        return out;
    }

    String text(String sql) throws SQLException {
        String[] out = new String[1];
        query(sql, List.of(), rs -> out[0] = rs.getString(1));
        return out[0];
    }

    /** The first column of each row as key, the second as value. */
    Map<String, String> pairs(String sql) throws SQLException {
        Map<String, String> out = new java.util.HashMap<>();
        query(sql, List.of(), rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    long count(String sql) throws SQLException {
        long[] n = new long[1];
        query(sql, List.of(), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private static Figures figures(ResultSet rs, int first) throws SQLException {
        Expected e = new Expected();
        e.turns = rs.getLong(first);
        e.errors = rs.getLong(first + 1);
        for (int i = 0; i < TOKEN_COLUMNS.size(); i++) {
            e.tokens[i] = (Long) value(rs.getObject(first + 2 + 2 * i));
            e.coverage[i] = rs.getLong(first + 3 + 2 * i);
        }
        int next = first + 2 + 2 * TOKEN_COLUMNS.size();
        e.cost = rs.getBigDecimal(next);
        e.costTurns = rs.getLong(next + 1);
        e.unpriced = rs.getLong(next + 2);
        e.incomplete = rs.getLong(next + 3);
        return new Figures(e, rs.getLong(next + 4));
    }

    private static Object value(Object v) {
        if (v instanceof Timestamp || v instanceof OffsetDateTime) {
            return instant(v);
        }
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            return n.longValue();
        }
        return v;
    }

    static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) v).toInstant();
    }

    private static OffsetDateTime ts(Instant at) {
        return at.atOffset(java.time.ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> params, RowReader reader) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
