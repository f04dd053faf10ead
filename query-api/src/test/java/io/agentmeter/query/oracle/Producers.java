package io.agentmeter.query.oracle;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.recording.Recording;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the world sends: turns straight to {@code agent-turns} as a direct Kafka producer does (turn event v1 JSON, key
 * {@code tenant:session_id}), and recording changes the way the ingest gateway's {@code RecordingService} writes them
 * (a {@code recordings} row, and the record on the compacted {@code recordings} topic keyed {@code tenant:user_id}).
 */
final class Producers implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final DataSource dataSource;

    Producers(Map<String, Object> clientConfig, DataSource dataSource) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.dataSource = dataSource;
    }

    /** Sends the turns in this order and waits until the broker has them all. */
    void turns(List<TurnEvent> turns) {
        for (TurnEvent t : turns) {
            producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(), Keys.session(t.tenantId(), t.sessionId()),
                    TurnEventWriter.toBytes(t)));
        }
        producer.flush();
    }

    /** A recording started: the row, then the record (the gateway commits the row only once Kafka acknowledged). */
    void started(Recording r) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO recordings (tenant_id, recording_id, user_id, name,"
                     + " config, started_at, stopped_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, NULL)")) {
            publish(r);
            s.setString(1, r.tenantId());
            s.setString(2, r.recordingId());
            s.setString(3, r.userId());
            s.setString(4, r.name());
            s.setString(5, r.config() == null ? null : r.config().toString());
            s.setTimestamp(6, Timestamp.from(r.startedAt()));
            s.executeUpdate();
        }
    }

    /** A recording stopped (by its own stop, or by the start of the user's next one). */
    void stopped(Recording r) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE recordings SET stopped_at = ? WHERE tenant_id = ?"
                     + " AND recording_id = ? AND stopped_at IS NULL")) {
            publish(r);
            s.setTimestamp(1, Timestamp.from(r.stoppedAt()));
            s.setString(2, r.tenantId());
            s.setString(3, r.recordingId());
            s.executeUpdate();
        }
    }

    private void publish(Recording r) {
        try {
            producer.send(new ProducerRecord<>(Topics.RECORDINGS.name(), Keys.user(r.tenantId(), r.userId()),
                    Topics.RECORDINGS.valueSerde().serializer().serialize(Topics.RECORDINGS.name(), r)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not take recording " + r.recordingId(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
