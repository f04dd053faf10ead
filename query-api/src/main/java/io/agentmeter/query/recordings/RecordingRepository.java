package io.agentmeter.query.recordings;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.source.Sql;
import io.agentmeter.schema.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads {@code recordings} (the ingest gateway writes it). */
@ApplicationScoped
public class RecordingRepository {

    private static final String COLUMNS = "r.recording_id, r.user_id, r.name, r.config, r.started_at, r.stopped_at";
    private static final String ONE = "SELECT " + COLUMNS + " FROM recordings r WHERE r.tenant_id = ?"
            + " AND r.recording_id = ?";

    /** A row without figures. */
    public record Row(String recordingId, String userId, String name, com.fasterxml.jackson.databind.JsonNode config,
                      Instant startedAt, Instant stoppedAt) {
    }

    private final DataSource dataSource;

    public RecordingRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Recordings running at some time in [from, to), newest first, after a (started_at, id) position. */
    public List<Row> list(Filter filter, Optional<List<String>> after, int limit) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(filter.tenantId(), filter.to(), filter.from()));
        String sql = "SELECT " + COLUMNS + " FROM recordings r WHERE r.tenant_id = ? AND r.started_at < ?"
                + " AND (r.stopped_at IS NULL OR r.stopped_at >= ?)";
        if (after.isPresent()) {
            sql += " AND (r.started_at, r.recording_id) < (?::timestamptz, ?)";
            params.add(after.get().get(0));
            params.add(after.get().get(1));
        }
        sql += " ORDER BY r.started_at DESC, r.recording_id DESC LIMIT ?";
        params.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, params);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    rows.add(map(r));
                }
            }
            return rows;
        }
    }

    public Optional<Row> find(String tenantId, String recordingId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ONE)) {
            statement.setString(1, tenantId);
            statement.setString(2, recordingId);
            try (ResultSet r = statement.executeQuery()) {
                return r.next() ? Optional.of(map(r)) : Optional.empty();
            }
        }
    }

    private static Row map(ResultSet r) throws SQLException {
        OffsetDateTime stopped = r.getObject("stopped_at", OffsetDateTime.class);
        String config = r.getString("config");
        try {
            return new Row(r.getString("recording_id"), r.getString("user_id"), r.getString("name"),
                    config == null ? null : Json.mapper().readTree(config),
                    r.getObject("started_at", OffsetDateTime.class).toInstant(),
                    stopped == null ? null : stopped.toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable recordings.config", e);
        }
    }
}
