package io.agentmeter.query.sessions;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.source.FiguresRepository;
import io.agentmeter.query.source.SessionCountRepository;
import io.agentmeter.query.source.Sql;
import io.agentmeter.query.source.TurnsOf;
import io.agentmeter.schema.rollup.LatencySketch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sessions from {@code session_rollups} (one row per session, totals over all its turns) and the facts of one
 * session from its turns.
 */
@ApplicationScoped
public class SessionRepository {

    /** The figure columns of a rollup row, in the order {@link FiguresRepository#figures} reads them. */
    private static final String FIGURES = """
            s.turns, s.error_turns, s.input_tokens, s.input_tokens_turns, s.output_tokens, s.output_tokens_turns,
            s.cache_read_tokens, s.cache_read_tokens_turns, s.cache_write_tokens, s.cache_write_tokens_turns,
            s.cache_write_1h_tokens, s.cache_write_1h_tokens_turns, s.reasoning_tokens, s.reasoning_tokens_turns,
            s.total_tokens, s.total_tokens_turns, s.cost_usd, s.cost_turns, s.unpriced_turns,
            s.incomplete_cost_turns, s.duration_ms_sum, s.duration_turns""";
    private static final String LIST_COLUMNS = "s.session_id, s.project, s.agent, s.user_id, s.first_seen,"
            + " s.last_seen, s.context_peak_tokens, s.context_max_tokens,"
            + " (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(coalesce(s.models, '{}'::jsonb)) k) AS models, "
            + FIGURES + ", s.latency_sketch";
    private static final String FACTS = """
            SELECT min(t.occurred_at), max(t.occurred_at), max(t.context_used_tokens), max(t.context_max_tokens),
                (array_agg(t.project ORDER BY t.occurred_at DESC) FILTER (WHERE t.project IS NOT NULL))[1],
                (array_agg(t.agent ORDER BY t.occurred_at DESC) FILTER (WHERE t.agent IS NOT NULL))[1],
                (array_agg(t.user_id ORDER BY t.occurred_at DESC) FILTER (WHERE t.user_id IS NOT NULL))[1],
                (array_agg(DISTINCT %1$s) FILTER (WHERE %1$s IS NOT NULL))
            FROM turns t WHERE t.tenant_id = ? AND t.session_id = ?""".formatted(TurnsOf.RECORDING_OF_TURN);

    private final DataSource dataSource;

    public SessionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One page of the sessions active in the filter's range, ordered by {@code sort}. */
    public List<Listed> list(Filter filter, SessionSort sort, boolean descending, Optional<List<String>> after,
                             int limit, Instant earliest) throws SQLException {
        List<Object> params = new ArrayList<>();
        String expr = sort.expression();
        StringBuilder sql = new StringBuilder("SELECT ").append(LIST_COLUMNS).append(", ").append(expr)
                .append("::text AS sort_value FROM session_rollups s WHERE ").append(SessionCountRepository.ACTIVE);
        SessionCountRepository.addActive(params, filter, earliest);
        if (!filter.restricted().isEmpty() || !filter.labels().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM turns t WHERE t.tenant_id = s.tenant_id AND t.session_id ="
                    + " s.session_id AND t.occurred_at >= ? AND t.occurred_at < ?");
            params.add(filter.from());
            params.add(filter.to());
            sql.append(FiguresRepository.conditions(filter, params)).append(')');
        }
        if (after.isPresent()) {
            String value = after.get().get(0);
            String id = after.get().get(1);
            String cast = "::" + castOf(sort);
            String beyond = descending ? " < " : " > ";
            if (value == null) {
                sql.append(" AND (").append(expr).append(" IS NULL AND s.session_id > ?)");
                params.add(id);
            } else {
                sql.append(" AND (").append(expr).append(beyond).append('?').append(cast).append(" OR (")
                        .append(expr).append(" = ?").append(cast).append(" AND s.session_id > ?)")
                        .append(sort.nullable() ? " OR " + expr + " IS NULL" : "").append(')');
                params.add(value);
                params.add(value);
                params.add(id);
            }
        }
        // NULLS LAST only where the value can be null: written on a sort that has no nulls it would stop PostgreSQL
        // from walking that sort's index (V6's are plain DESC, i.e. NULLS FIRST), and sort every session instead.
        sql.append(" ORDER BY ").append(expr).append(descending ? " DESC" : " ASC")
                .append(sort.nullable() ? " NULLS LAST" : "").append(", s.session_id LIMIT ?");
        params.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            Sql.bind(connection, statement, params);
            List<Listed> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(new Listed(item(rows), rows.getString("sort_value")));
                }
            }
            return out;
        }
    }

    /** A listed session and the text of its sort value (for the cursor). */
    public record Listed(SessionItem item, String sortValue) {
    }

    /** What the turns of one session say besides figures; empty when the session has no turns. */
    public Optional<Facts> facts(String tenantId, String sessionId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FACTS)) {
            statement.setString(1, tenantId);
            statement.setString(2, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                OffsetDateTime first = rows.getObject(1, OffsetDateTime.class);
                if (first == null) {
                    return Optional.empty();
                }
                Array recordings = rows.getArray(8);
                return Optional.of(new Facts(first.toInstant(), rows.getObject(2, OffsetDateTime.class).toInstant(),
                        FiguresRepository.long_(rows, 3), FiguresRepository.long_(rows, 4), rows.getString(5),
                        rows.getString(6), rows.getString(7), recordings == null ? List.of()
                        : Arrays.asList((String[]) recordings.getArray())));
            }
        }
    }

    /** One session's first and last turn, context peak and the latest project, agent and user it reported. */
    public record Facts(Instant firstSeen, Instant lastSeen, Long contextPeakTokens, Long contextMaxTokens,
                        String project, String agent, String userId, List<String> recordingIds) {
    }

    private static SessionItem item(ResultSet rows) throws SQLException {
        Instant first = rows.getObject("first_seen", OffsetDateTime.class).toInstant();
        Instant last = rows.getObject("last_seen", OffsetDateTime.class).toInstant();
        Array models = rows.getArray("models");
        Figures figures = FiguresRepository.figures(rows, 10);
        byte[] sketch = rows.getBytes("latency_sketch");
        figures.withLatency(sketch == null ? LatencySketch.EMPTY : LatencySketch.fromBytes(sketch));
        return new SessionItem(rows.getString("session_id"), rows.getString("project"), rows.getString("agent"),
                rows.getString("user_id"), first, last, Duration.between(first, last).toMillis(),
                FiguresRepository.long_(rows, 7), FiguresRepository.long_(rows, 8),
                models == null ? List.of() : Arrays.asList((String[]) models.getArray()), FiguresView.of(figures));
    }

    private static String castOf(SessionSort sort) {
        return switch (sort) {
            case COST -> "numeric";
            case TOKENS, TURNS -> "bigint";
            case DURATION -> "interval";
            case LAST_SEEN -> "timestamptz";
        };
    }
}
