package io.agentmeter.schema.kafka;

import io.agentmeter.pricing.ModelPriceKey;
import io.agentmeter.pricing.ModelPriceUpdate;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.recording.Recording;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.RollupKeys;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.ToolRollup;
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
     * Raw turn events as agents (through the gateway or directly) sent them: key {@link io.agentmeter.schema.Keys#session}, value the
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

    /**
     * Raw activity events (tool calls and decisions, replies, errors, prompts; never spend): key {@link io.agentmeter.schema.Keys#session},
     * value the activity event v1 JSON ({@code io.agentmeter.schema.activity.ActivityEvent}) with its payload already
     * cut. Bytes, like {@link #RAW_TURNS}: the writer validates each record again. Retention as {@link #RAW_TURNS}.
     */
    public static final Topic<String, byte[]> AGENT_ACTIVITY = new Topic<>(
            "agent-activity", Serdes.String(), Serdes.ByteArray(), 6, DELETE,
            Map.of(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS),
            "raw activity events (schema v1 JSON), keyed tenant:session_id");

    /** The latest state of each user's recording: key {@link io.agentmeter.schema.Keys#user}, value {@link Recording}. */
    public static final Topic<String, Recording> RECORDINGS = new Topic<>(
            "recordings", Serdes.String(), JsonSerde.of(Recording.class), 6, COMPACT, Map.of(),
            "recording start/stop state per tenant:user_id (compacted)");

    /**
     * Prices beyond the shipped LiteLLM file: new global prices and tenant overrides, effective-dated. Key
     * {@link ModelPriceKey} ({@code tenant|model|effective_from}), value {@link ModelPriceUpdate}; a tombstone
     * withdraws a price. Compacted, one partition: every aggregator instance reads all of it (a global store).
     */
    public static final Topic<String, ModelPriceUpdate> MODEL_PRICES = new Topic<>(
            "model-prices", Serdes.String(), JsonSerde.of(ModelPriceUpdate.class), 1, COMPACT, Map.of(),
            "model prices and tenant overrides per tenant|model|effective_from (compacted)");

    /**
     * Deduplicated, validated turns with their cost, as the aggregator emitted them (exactly once): key
     * {@link io.agentmeter.schema.Keys#session}, value {@link PricedTurn}. The sink writes them to the {@code turns} table.
     */
    public static final Topic<String, PricedTurn> PRICED_TURNS = new Topic<>(
            "priced-turns", Serdes.String(), JsonSerde.of(PricedTurn.class), 6, DELETE,
            Map.of(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS),
            "deduplicated, priced turns, keyed tenant:session_id");

    /** The latest rollup of each session: key {@link RollupKeys#session}, value {@link SessionRollup}. */
    public static final Topic<String, SessionRollup> SESSION_ROLLUPS = new Topic<>(
            "session-rollups", Serdes.String(), JsonSerde.of(SessionRollup.class), 6, COMPACT, Map.of(),
            "per-session totals and per-model breakdown, keyed tenant:session_id (compacted)");

    /**
     * The latest rollup of each (tenant, project, provider, model) and tumbling window (1m, 1h, 1d): key
     * {@link RollupKeys#windowed}, value {@link ModelRollup}.
     */
    public static final Topic<String, ModelRollup> MODEL_ROLLUPS = new Topic<>(
            "model-rollups", Serdes.String(), JsonSerde.of(ModelRollup.class), 6, COMPACT, Map.of(),
            "per tenant/project/provider/model and 1m/1h/1d window (compacted)");

    /** The latest rollup of each (tenant, agent) and window: key {@link RollupKeys#windowed}, value {@link AgentRollup}. */
    public static final Topic<String, AgentRollup> AGENT_ROLLUPS = new Topic<>(
            "agent-rollups", Serdes.String(), JsonSerde.of(AgentRollup.class), 6, COMPACT, Map.of(),
            "per tenant/agent and 1m/1h/1d window (compacted)");

    /** The latest rollup of each (tenant, tool) and window: key {@link RollupKeys#windowed}, value {@link ToolRollup}. */
    public static final Topic<String, ToolRollup> TOOL_ROLLUPS = new Topic<>(
            "tool-rollups", Serdes.String(), JsonSerde.of(ToolRollup.class), 6, COMPACT, Map.of(),
            "per tenant/tool and 1m/1h/1d window (compacted)");

    private Topics() {
    }

    /** Every topic agentmeter creates at start-up. */
    public static List<Topic<?, ?>> all() {
        return List.of(RAW_TURNS, TURNS_DLQ, AGENT_ACTIVITY, RECORDINGS, MODEL_PRICES, PRICED_TURNS, SESSION_ROLLUPS, MODEL_ROLLUPS,
                AGENT_ROLLUPS, TOOL_ROLLUPS);
    }
}
