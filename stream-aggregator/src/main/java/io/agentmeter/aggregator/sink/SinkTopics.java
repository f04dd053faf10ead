package io.agentmeter.aggregator.sink;

import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import java.util.List;
import java.util.stream.Stream;

/** What one {@link PostgresSink} reads; its {@link #label()} tags the sink's metrics ({@code sink="turns"}). */
public enum SinkTopics {
    /** The aggregator's turn sink. */
    TURNS("turns", List.of(Topics.PRICED_TURNS)),
    /** The aggregator's rollup sink. */
    ROLLUPS("rollups", List.of(Topics.SESSION_ROLLUPS, Topics.MODEL_ROLLUPS, Topics.AGENT_ROLLUPS,
            Topics.TOOL_ROLLUPS)),
    /** Turns and rollups in one sink, one transaction per batch (how the sink tests run it). */
    ALL("all", Stream.concat(TURNS.topics.stream(), ROLLUPS.topics.stream()).toList());

    private final String label;
    private final List<Topic<String, ?>> topics;

    SinkTopics(String label, List<Topic<String, ?>> topics) {
        this.label = label;
        this.topics = topics;
    }

    public String label() {
        return label;
    }

    public List<String> names() {
        return topics.stream().map(Topic::name).toList();
    }
}
