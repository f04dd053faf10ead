package io.agentmeter.ingest.recording;

import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.service.db.Database;
import io.agentmeter.ingest.kafka.KafkaUnavailableException;
import io.agentmeter.ingest.kafka.Publisher;
import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.recording.Recording;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Starts and stops recordings. Each change is written to PostgreSQL and published on the compacted recordings topic
 * (key {@code tenant:user_id}) in one step: the row changes are committed only after Kafka acknowledged the records,
 * so the table never shows a state the aggregator was not told about. Starts and stops of one user are serialized by
 * a transaction-scoped advisory lock.
 *
 * <p>At most one recording per user is active: starting one stops the user's active recording at the new one's start
 * time (both changes are published, the stop first).
 */
@ApplicationScoped
public class RecordingService {

    private final DataSource dataSource;
    private final Publisher publisher;
    private final Duration unavailableRetryAfter;
    private final Serializer<Recording> serializer = Topics.RECORDINGS.valueSerde().serializer();

    public RecordingService(DataSource dataSource, Publisher publisher, GatewayConfig config) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.unavailableRetryAfter = config.ingest().unavailableRetryAfter();
    }

    /** What a start did: the new (or, for a repeated start with the same id, the existing) recording. */
    public record Started(Recording recording, List<Recording> stopped, boolean created) {
    }

    /**
     * Starts a recording for {@code userId}.
     *
     * @param recordingId the client's id for the recording, which makes a retried start harmless; null to have one
     *                    made
     */
    public Started start(String tenantId, String userId, String name, com.fasterxml.jackson.databind.node.ObjectNode config,
                         String recordingId) {
        return inTransaction(connection -> {
            RecordingStore.lockUser(connection, tenantId, userId);
            if (recordingId != null) {
                Optional<Recording> existing = RecordingStore.find(connection, tenantId, recordingId);
                if (existing.isPresent()) {
                    if (!existing.get().userId().equals(userId)) {
                        throw ApiException.of(409, "conflict", "$.recording_id", "is taken by a recording of another"
                                + " user");
                    }
                    return new Started(existing.get(), List.of(), false);
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<Recording> stopped = RecordingStore.stopActiveOfUser(connection, tenantId, userId, now);
            Recording started = new Recording(tenantId, recordingId != null ? recordingId : "rec_" + UUID.randomUUID(),
                    userId, name, config, now, null);
            RecordingStore.insert(connection, started);
            List<Recording> changes = new ArrayList<>(stopped);
            changes.add(started);
            publish(changes);
            return new Started(started, stopped, true);
        });
    }

    /** Stops a recording; stopping a stopped one changes nothing. 404 when there is no such recording. */
    public Recording stop(String tenantId, String recordingId) {
        return inTransaction(connection -> {
            Recording found = RecordingStore.find(connection, tenantId, recordingId)
                    .orElseThrow(() -> ApiException.of(404, "not_found", "recording_id", "names no recording ("
                            + recordingId + ")"));
            RecordingStore.lockUser(connection, tenantId, found.userId());
            Optional<Recording> stopped = RecordingStore.stop(connection, tenantId, recordingId,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            if (stopped.isEmpty()) {
                return RecordingStore.find(connection, tenantId, recordingId).orElse(found);
            }
            publish(List.of(stopped.get()));
            return stopped.get();
        });
    }

    public List<Recording> active(String tenantId, Optional<String> userId) {
        return Database.call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return RecordingStore.active(connection, tenantId, userId);
            }
        });
    }

    private void publish(List<Recording> changes) {
        List<ProducerRecord<String, byte[]>> records = changes.stream()
                .map(recording -> new ProducerRecord<>(Topics.RECORDINGS.name(),
                        Keys.user(recording.tenantId(), recording.userId()),
                        serializer.serialize(Topics.RECORDINGS.name(), recording)))
                .toList();
        try {
            publisher.publish(records);
        } catch (KafkaUnavailableException e) {
            throw new ApiException(503, "kafka_unavailable", "Kafka did not acknowledge the recording change;"
                    + " nothing was changed, retry", List.of(), unavailableRetryAfter);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw Database.unavailable(e);
        }
    }
}
