package io.agentmeter.ingest.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.recording.Recording;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL of the {@code recordings} table, on a connection the caller owns (so start and stop run in one transaction with
 * the publish to Kafka). The gateway is the table's only writer.
 */
final class RecordingStore {

    private static final String COLUMNS = "tenant_id, recording_id, user_id, name, config, started_at, stopped_at";
    private static final String LOCK_USER = "SELECT pg_advisory_xact_lock(hashtextextended(? || ':' || ?, 0))";
    private static final String FIND = "SELECT " + COLUMNS + " FROM recordings WHERE tenant_id = ? AND recording_id = ?";
    private static final String STOP_ACTIVE_OF_USER = "UPDATE recordings SET stopped_at = ?"
            + " WHERE tenant_id = ? AND user_id = ? AND stopped_at IS NULL RETURNING " + COLUMNS;
    private static final String STOP = "UPDATE recordings SET stopped_at = ?"
            + " WHERE tenant_id = ? AND recording_id = ? AND stopped_at IS NULL RETURNING " + COLUMNS;
    private static final String INSERT = "INSERT INTO recordings (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?::jsonb, ?, NULL)";
    private static final String ACTIVE = "SELECT " + COLUMNS + " FROM recordings"
            + " WHERE tenant_id = ? AND stopped_at IS NULL ORDER BY started_at, recording_id";
    private static final String ACTIVE_OF_USER = "SELECT " + COLUMNS + " FROM recordings"
            + " WHERE tenant_id = ? AND user_id = ? AND stopped_at IS NULL ORDER BY started_at, recording_id";

    private RecordingStore() {
    }

    /** Serializes starts and stops of one user's recordings until the transaction ends. */
    static void lockUser(Connection connection, String tenantId, String userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_USER)) {
            statement.setString(1, tenantId);
            statement.setString(2, userId);
            statement.execute();
        }
    }

    static Optional<Recording> find(Connection connection, String tenantId, String recordingId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, tenantId);
            statement.setString(2, recordingId);
            return first(statement);
        }
    }

    static List<Recording> stopActiveOfUser(Connection connection, String tenantId, String userId, Instant at)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STOP_ACTIVE_OF_USER)) {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setString(2, tenantId);
            statement.setString(3, userId);
            return all(statement);
        }
    }

    static Optional<Recording> stop(Connection connection, String tenantId, String recordingId, Instant at)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STOP)) {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setString(2, tenantId);
            statement.setString(3, recordingId);
            return first(statement);
        }
    }

    static void insert(Connection connection, Recording recording) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, recording.tenantId());
            statement.setString(2, recording.recordingId());
            statement.setString(3, recording.userId());
            statement.setString(4, recording.name());
            statement.setString(5, recording.config() == null ? null : recording.config().toString());
            statement.setTimestamp(6, Timestamp.from(recording.startedAt()));
            statement.executeUpdate();
        }
    }

    static List<Recording> active(Connection connection, String tenantId, Optional<String> userId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(userId.isPresent() ? ACTIVE_OF_USER : ACTIVE)) {
            statement.setString(1, tenantId);
            if (userId.isPresent()) {
                statement.setString(2, userId.get());
            }
            return all(statement);
        }
    }

    private static Optional<Recording> first(PreparedStatement statement) throws SQLException {
        List<Recording> rows = all(statement);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<Recording> all(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<Recording> recordings = new ArrayList<>();
            while (rows.next()) {
                recordings.add(map(rows));
            }
            return recordings;
        }
    }

    private static Recording map(ResultSet rows) throws SQLException {
        Timestamp stopped = rows.getTimestamp("stopped_at");
        return new Recording(
                rows.getString("tenant_id"),
                rows.getString("recording_id"),
                rows.getString("user_id"),
                rows.getString("name"),
                config(rows.getString("config")),
                rows.getTimestamp("started_at").toInstant(),
                stopped == null ? null : stopped.toInstant());
    }

    private static ObjectNode config(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new SQLException("recordings.config is not a JSON object: " + e.getMessage(), e);
        }
    }
}
