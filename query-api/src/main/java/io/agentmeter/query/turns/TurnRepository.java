package io.agentmeter.query.turns;

import static io.agentmeter.query.source.Columns.integer;
import static io.agentmeter.query.source.Columns.json;
import static io.agentmeter.query.source.Columns.long_;

import io.agentmeter.query.params.Filter;
import io.agentmeter.query.source.FiguresRepository;
import io.agentmeter.query.source.Sql;
import io.agentmeter.query.source.TurnsOf;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reads turn rows: a session's or a recording's turns in order, page by page, and any filter's turns as a stream
 * (bounded memory: autocommit off and a fetch size, so PostgreSQL sends the rows in batches through a cursor).
 */
@ApplicationScoped
public class TurnRepository {

    /**
     * {@link TurnRow#COLUMNS} over {@code turns t}, in the row mapper's order; prompt text and params come after. A
     * turn's recording is the one it belongs to by time ({@link TurnsOf#RECORDING_OF_TURN}).
     */
    private static final String COLUMNS = TurnRow.COLUMNS.stream()
            .map(column -> column.equals("recording_id") ? TurnsOf.RECORDING_OF_TURN + " AS recording_id" : "t." + column)
            .collect(Collectors.joining(", "));
    private static final String ORDER = " ORDER BY t.occurred_at, t.event_id";
    private static final String AFTER = " AND (t.occurred_at, t.event_id) > (?, ?)";

    /** Which developer-only columns to return. */
    public record Include(boolean promptText, boolean params) {
        public static final Include NONE = new Include(false, false);
        public static final Include ALL = new Include(true, true);

        /** The select list over {@code turns t} that {@link #map} reads. */
        public String columns() {
            return COLUMNS + (promptText ? ", t.prompt_text" : "") + (params ? ", t.params" : "");
        }
    }

    /** A consumer of streamed rows that may fail writing. */
    @FunctionalInterface
    public interface RowSink {
        void accept(TurnRow row) throws java.io.IOException;
    }

    private final DataSource dataSource;

    public TurnRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} turns of one session (or, with {@code byRecording}, one recording) after a position. */
    public List<TurnRow> page(String tenantId, String column, String id, Instant afterAt, String afterEventId,
                              int limit, Include include) throws SQLException {
        TurnsOf of = TurnsOf.byColumn(column);
        String sql = "SELECT " + include.columns() + " FROM " + of.from() + " WHERE t.tenant_id = ? AND " + of.id() + " = ?"
                + (afterAt == null ? "" : AFTER) + ORDER + " LIMIT ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setString(++i, tenantId);
            statement.setString(++i, id);
            if (afterAt != null) {
                statement.setObject(++i, Sql.timestamp(afterAt));
                statement.setString(++i, afterEventId);
            }
            statement.setInt(++i, limit);
            List<TurnRow> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(map(rows, include));
                }
            }
            return out;
        }
    }

    /** Every turn of {@code filter} in time order, handed to {@code sink} as PostgreSQL sends them. */
    public long stream(Filter filter, Include include, int fetchSize, RowSink sink) throws SQLException,
            java.io.IOException {
        List<Object> params = new ArrayList<>();
        params.add(filter.tenantId());
        params.add(filter.from());
        params.add(filter.to());
        String sql = "SELECT " + include.columns() + " FROM turns t WHERE t.tenant_id = ? AND t.occurred_at >= ?"
                + " AND t.occurred_at < ?" + FiguresRepository.conditions(filter, params) + ORDER;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement timeout = connection.prepareStatement("SET LOCAL statement_timeout = 0")) {
                timeout.execute();
            }
            long count = 0;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(fetchSize);
                Sql.bind(connection, statement, params);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(map(rows, include));
                        count++;
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            return count;
        }
    }

    /** The one row mapper of {@link #COLUMNS}. */
    public static TurnRow map(ResultSet r, Include include) throws SQLException {
        return new TurnRow(
                r.getString("event_id"),
                r.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                r.getString("session_id"),
                integer(r, "turn_index"),
                r.getString("model"),
                r.getString("provider"),
                r.getString("project"),
                r.getString("agent"),
                r.getString("user_id"),
                r.getString("status"),
                r.getString("error_type"),
                long_(r, "input_tokens"),
                long_(r, "output_tokens"),
                long_(r, "cache_read_tokens"),
                long_(r, "cache_write_tokens"),
                long_(r, "cache_write_1h_tokens"),
                long_(r, "reasoning_tokens"),
                long_(r, "total_tokens"),
                long_(r, "context_used_tokens"),
                long_(r, "context_max_tokens"),
                long_(r, "duration_ms"),
                json(r.getString("tools")),
                json(r.getString("labels")),
                r.getString("prompt_hash"),
                r.getString("recording_id"),
                r.getString("cost_status"),
                r.getBigDecimal("cost_usd"),
                r.getBigDecimal("computed_cost_usd"),
                r.getBigDecimal("reported_cost_usd"),
                r.getString("price_version"),
                r.getBoolean("late"),
                include.promptText() ? new TurnRow.Included<>(r.getString("prompt_text")) : null,
                include.params() ? new TurnRow.Included<>(json(r.getString("params"))) : null);
    }
}
