package io.agentmeter.schema.kafka;

import io.agentmeter.schema.recording.Recording;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue of agentmeter's topics: every module names topics through these constants, never by string.
 * docs/architecture.md lists the same table for operators.
 */
public final class Topics {

    private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;
    private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;
    private static final String SEVEN_DAYS_MS = String.valueOf(7L * 24 * 60 * 60 * 1000);
    private static final String THIRTY_DAYS_MS = String.valueOf(30L * 24 * 60 * 60 * 1000);

    /**
     * Raw turn events as agents (through the gateway or directly) sent them: key {@link Keys#session}, value the
     * turn event v1 JSON. Values stay bytes here because direct producers may send anything; the aggregator
     * validates each record and sends what fails to {@link #TURNS_DLQ}.
     */
    public static final Topic<String, byte[]> RAW_TURNS = new Topic<>(
            "agent-turns", Serdes.String(), Serdes.ByteArray(), 6, DELETE,
            Map.of(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS),
            "raw turn events (schema v1 JSON), keyed tenant:session_id");

    /**
     * Raw records that could not be read as a valid turn: the original key and bytes unchanged, the reason in the
     * headers named by {@link DeadLetterHeaders}.
     */
    public static final Topic<String, byte[]> TURNS_DLQ = new Topic<>(
            "agent-turns-dlq", Serdes.String(), Serdes.ByteArray(), 1, DELETE,
            Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS),
            "rejected raw records, original bytes, reason in headers");

    /** The latest state of each user's recording: key {@link Keys#user}, value {@link Recording}. */
    public static final Topic<String, Recording> RECORDINGS = new Topic<>(
            "recordings", Serdes.String(), JsonSerde.of(Recording.class), 6, COMPACT, Map.of(),
            "recording start/stop state per tenant:user_id (compacted)");

    private Topics() {
    }

    /** Every topic agentmeter creates at start-up. */
    public static List<Topic<?, ?>> all() {
        return List.of(RAW_TURNS, TURNS_DLQ, RECORDINGS);
    }
}
