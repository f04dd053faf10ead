package io.agentmeter.ingest.kafka;

import io.agentmeter.schema.kafka.Topics;

/**
 * What an ingest batch carries: the topic its accepted records go to, and the {@code type} label its counts carry in
 * the gateway's metrics (so an operator tells spend-bearing turns from activity events at a glance).
 */
public enum IngestStream {

    TURNS(Topics.RAW_TURNS.name(), "turn"),
    ACTIVITY(Topics.AGENT_ACTIVITY.name(), "activity");

    private final String topic;
    private final String type;

    IngestStream(String topic, String type) {
        this.topic = topic;
        this.type = type;
    }

    public String topic() {
        return topic;
    }

    /** The {@code type} label of {@code agentmeter_ingest_events_accepted_total} and {@code _rejected_total}. */
    public String type() {
        return type;
    }
}
