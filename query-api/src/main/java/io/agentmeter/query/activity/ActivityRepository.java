package io.agentmeter.query.activity;

import static io.agentmeter.query.source.Columns.integer;
import static io.agentmeter.query.source.Columns.json;
import static io.agentmeter.query.source.Columns.long_;

import io.agentmeter.query.params.Filter;
import io.agentmeter.query.source.Sql;
import io.agentmeter.schema.activity.ActivityKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reads the {@code activity} table (V13): the sessions with activity in a range (index {@code activity_tenant_time_idx})
 * and one session's activity interleaved with its turns (indexes {@code activity_tenant_session_idx} and the turns'
 * {@code (tenant_id, session_id, occurred_at)}). Always bounded by the tenant and a range or a session.
 */
@ApplicationScoped
public class ActivityRepository {

    private static final String KIND_COUNTS = java.util.Arrays.stream(ActivityKind.values())
            .map(k -> "count(*) FILTER (WHERE a.kind = '" + k.wire() + "')")
            .collect(Collectors.joining(", "));
    /** The select list of a session with activity; {@link #session} reads it. The tenant of the EXISTS comes first. */
    private static final String SESSION_COLUMNS = """
            a.session_id, min(a.occurred_at), max(a.occurred_at), count(*),
            count(*) FILTER (WHERE a.kind = 'error' OR a.status = 'error'),
            (array_agg(a.project ORDER BY a.occurred_at DESC) FILTER (WHERE a.project IS NOT NULL))[1],
            (array_agg(a.agent ORDER BY a.occurred_at DESC) FILTER (WHERE a.agent IS NOT NULL))[1],
            (array_agg(a.user_id ORDER BY a.occurred_at DESC) FILTER (WHERE a.user_id IS NOT NULL))[1],
            EXISTS (SELECT 1 FROM turns t WHERE t.tenant_id = ? AND t.session_id = a.session_id), """ + KIND_COUNTS;

    /**
     * The transcript's two branches, each the first {@code limit} rows of its table after the position, in the same
     * columns; merged by {@code (occurred_at, type, event_id)}. {@code %s} is the payload column (read for developers
     * only) and each branch's position condition.
     */
    private static final String TRANSCRIPT = """
            SELECT * FROM (
              (SELECT 'turn'::text AS type, t.event_id, t.occurred_at, NULL::text AS kind, NULL::text AS name, t.status,
                  t.error_type, t.duration_ms, t.model, t.provider, t.agent, NULL::text AS source, t.turn_index,
                  t.input_tokens, t.output_tokens, t.cache_read_tokens, t.reasoning_tokens, t.context_used_tokens,
                  t.context_max_tokens, t.tools::text AS tools, t.cost_status, t.cost_usd, NULL::text AS payload,
                  FALSE AS has_payload
               FROM turns t WHERE t.tenant_id = ? AND t.session_id = ?%2$s
               ORDER BY t.occurred_at, t.event_id LIMIT ?)
              UNION ALL
              (SELECT 'activity'::text, a.event_id, a.occurred_at, a.kind, a.name, a.status, NULL::text, a.duration_ms,
                  a.model, a.provider, a.agent, a.source, NULL::integer, NULL::bigint, NULL::bigint, NULL::bigint,
                  NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, NULL::text, NULL::numeric, %1$s,
                  a.payload IS NOT NULL
               FROM activity a WHERE a.tenant_id = ? AND a.session_id = ?%3$s
               ORDER BY a.occurred_at, a.event_id LIMIT ?)
            ) e ORDER BY e.occurred_at, e.type, e.event_id LIMIT ?""";

    private final DataSource dataSource;

    public ActivityRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A transcript position: the last entry of a page. */
    public record Position(Instant occurredAt, String type, String eventId) {
    }

    /** A position in the session list: the last session of a page. */
    public record ListPosition(Instant lastActivityAt, String sessionId) {
    }

    /**
     * One page of the sessions with an entry in the filter's range, latest activity first (then session id,
     * descending); the filters keep the sessions with a matching entry in the range, whose counts are over all their
     * entries of the range.
     */
    public List<ActivitySession> sessions(ActivityFilter filter, ListPosition after, int limit) throws SQLException {
        Filter common = filter.common();
        List<Object> params = new ArrayList<>();
        params.add(common.tenantId());
        StringBuilder sql = new StringBuilder("SELECT ").append(SESSION_COLUMNS)
                .append(" FROM activity a WHERE a.tenant_id = ? AND a.occurred_at >= ? AND a.occurred_at < ?"
                        + " GROUP BY a.session_id HAVING TRUE");
        params.add(common.tenantId());
        params.add(common.from());
        params.add(common.to());
        StringBuilder match = new StringBuilder();
        match.append(Sql.anyOf("a.project", common.projects(), params));
        match.append(Sql.anyOf("a.agent", common.agents(), params));
        match.append(Sql.anyOf("a.model", common.models(), params));
        match.append(Sql.anyOf("a.provider", common.providers(), params));
        match.append(Sql.anyOf("a.user_id", filter.users(), params));
        match.append(Sql.anyOf("a.kind", filter.kinds(), params));
        if (!match.isEmpty()) {
            sql.append(" AND bool_or(TRUE").append(match).append(')');
        }
        if (after != null) {
            sql.append(" AND (max(a.occurred_at), a.session_id) < (?, ?)");
            params.add(after.lastActivityAt());
            params.add(after.sessionId());
        }
        sql.append(" ORDER BY max(a.occurred_at) DESC, a.session_id DESC LIMIT ?");
        params.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            Sql.bind(connection, statement, params);
            List<ActivitySession> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(session(rows));
                }
            }
            return out;
        }
    }

    /**
     * Up to {@code limit} entries of one session after {@code after} (null: from the start), turns and activity in
     * the order {@code (occurred_at, type, event_id)}; the payload read only when {@code withPayload}.
     */
    public List<TranscriptEntry> transcript(String tenantId, String sessionId, Position after, int limit,
                                            boolean withPayload) throws SQLException {
        String turnsAfter = after == null ? "" : positionCondition("t", TranscriptEntry.TURN);
        String activityAfter = after == null ? "" : positionCondition("a", TranscriptEntry.ACTIVITY);
        String sql = TRANSCRIPT.formatted(withPayload ? "a.payload" : "NULL::text", turnsAfter, activityAfter);
        List<Object> params = new ArrayList<>();
        for (String branch : List.of(TranscriptEntry.TURN, TranscriptEntry.ACTIVITY)) {
            params.add(tenantId);
            params.add(sessionId);
            if (after != null) {
                params.add(after.occurredAt());
                params.add(after.occurredAt());
                params.add(after.type());
                params.add(after.eventId());
            }
            params.add(limit);
        }
        params.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, params);
            List<TranscriptEntry> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(entry(rows, withPayload));
                }
            }
            return out;
        }
    }

    /**
     * Rows of one branch after the position: from its time on (the index's range), then past it in the whole order.
     * The branch's type is a constant, compared as the merged order compares it.
     */
    private static String positionCondition(String alias, String type) {
        return " AND " + alias + ".occurred_at >= ? AND (" + alias + ".occurred_at, '" + type + "'::text, " + alias
                + ".event_id) > (?, ?::text, ?)";
    }

    /** The one row mapper of {@link #SESSION_COLUMNS}. */
    private static ActivitySession session(ResultSet r) throws SQLException {
        Map<String, Long> kinds = new LinkedHashMap<>();
        int c = 10;
        for (ActivityKind kind : ActivityKind.values()) {
            kinds.put(kind.wire(), r.getLong(c++));
        }
        return new ActivitySession(r.getString(1), r.getString(6), r.getString(7), r.getString(8),
                r.getObject(2, OffsetDateTime.class).toInstant(), r.getObject(3, OffsetDateTime.class).toInstant(),
                r.getLong(4), kinds, r.getLong(5), r.getBoolean(9));
    }

    /** The one row mapper of {@link #TRANSCRIPT}. */
    private static TranscriptEntry entry(ResultSet r, boolean withPayload) throws SQLException {
        boolean hasPayload = r.getBoolean("has_payload");
        return new TranscriptEntry(
                r.getString("type"),
                r.getString("event_id"),
                r.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                r.getString("kind"),
                r.getString("name"),
                r.getString("status"),
                r.getString("error_type"),
                long_(r, "duration_ms"),
                r.getString("model"),
                r.getString("provider"),
                r.getString("agent"),
                r.getString("source"),
                integer(r, "turn_index"),
                long_(r, "input_tokens"),
                long_(r, "output_tokens"),
                long_(r, "cache_read_tokens"),
                long_(r, "reasoning_tokens"),
                long_(r, "context_used_tokens"),
                long_(r, "context_max_tokens"),
                json(r.getString("tools")),
                r.getString("cost_status"),
                r.getBigDecimal("cost_usd"),
                withPayload ? r.getString("payload") : null,
                hasPayload && !withPayload);
    }
}
