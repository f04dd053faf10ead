package io.agentmeter.aggregator.sink;

import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.ToolRollup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One batch of sink writes: every priced turn read, and for each rollup key only the last record read. A rollup key
 * lives on one partition and is written by one task, version after version, so the last record is the newest
 * absolute value and says everything the earlier ones did; only it is decoded.
 */
public final class SinkBatch {

    private final List<PricedTurn> turns = new ArrayList<>();
    private final Map<String, byte[]> sessionBytes = new HashMap<>();
    private final Map<String, byte[]> modelBytes = new HashMap<>();
    private final Map<String, byte[]> agentBytes = new HashMap<>();
    private final Map<String, byte[]> toolBytes = new HashMap<>();
    private final List<SessionRollup> sessions = new ArrayList<>();
    private final List<ModelRollup> models = new ArrayList<>();
    private final List<AgentRollup> agents = new ArrayList<>();
    private final List<ToolRollup> tools = new ArrayList<>();
    private int rollupRecords;
    private boolean decoded;

    public void addTurn(PricedTurn turn) {
        turns.add(turn);
    }

    /** Keeps the record as the latest of its rollup key; false when the topic carries no rollup. */
    public boolean addRollup(String topic, String key, byte[] value) {
        Map<String, byte[]> target = rollupsOf(topic);
        if (target == null) {
            return false;
        }
        rollupRecords++;
        target.put(key, value);
        return true;
    }

    /**
     * Moves the turns into a batch of their own and leaves this one with the rollups only, so the sink can write the
     * turns now and the rollups later (each rollup record is an absolute value: the later write loses nothing).
     */
    public SinkBatch takeTurns() {
        if (decoded) {
            throw new IllegalStateException("the rollups of this batch are decoded already");
        }
        SinkBatch taken = new SinkBatch();
        taken.turns.addAll(turns);
        turns.clear();
        return taken;
    }

    private Map<String, byte[]> rollupsOf(String topic) {
        if (topic.equals(Topics.SESSION_ROLLUPS.name())) {
            return sessionBytes;
        } else if (topic.equals(Topics.MODEL_ROLLUPS.name())) {
            return modelBytes;
        } else if (topic.equals(Topics.AGENT_ROLLUPS.name())) {
            return agentBytes;
        } else if (topic.equals(Topics.TOOL_ROLLUPS.name())) {
            return toolBytes;
        }
        return null;
    }

    /** Decodes the latest rollup of every key; one that cannot be read is reported and left out. */
    public void decode(BiConsumer<String, RuntimeException> unreadable) {
        if (decoded) {
            return;
        }
        decode(Topics.SESSION_ROLLUPS, sessionBytes, sessions, unreadable);
        decode(Topics.MODEL_ROLLUPS, modelBytes, models, unreadable);
        decode(Topics.AGENT_ROLLUPS, agentBytes, agents, unreadable);
        decode(Topics.TOOL_ROLLUPS, toolBytes, tools, unreadable);
        decoded = true;
    }

    private static <V> void decode(Topic<String, V> topic, Map<String, byte[]> raw, List<V> out,
                                   BiConsumer<String, RuntimeException> unreadable) {
        raw.forEach((key, bytes) -> {
            if (bytes == null) {
                return; // a tombstone: nothing to write
            }
            try {
                out.add(topic.valueSerde().deserializer().deserialize(topic.name(), bytes));
            } catch (RuntimeException e) {
                unreadable.accept(topic.name() + " key " + key, e);
            }
        });
    }

    public List<PricedTurn> turns() {
        return turns;
    }

    public Collection<SessionRollup> sessions() {
        return sessions;
    }

    public Collection<ModelRollup> models() {
        return models;
    }

    public Collection<AgentRollup> agents() {
        return agents;
    }

    public Collection<ToolRollup> tools() {
        return tools;
    }

    /** Kafka records read into this batch (before keeping only the newest rollup per key). */
    public int records() {
        return turns.size() + rollupRecords;
    }

    /** Rollup keys held (one record each, the newest), before decoding. */
    public int rollupKeys() {
        return sessionBytes.size() + modelBytes.size() + agentBytes.size() + toolBytes.size();
    }

    public int rollups() {
        return sessions.size() + models.size() + agents.size() + tools.size();
    }

    public boolean isEmpty() {
        return records() == 0;
    }
}
