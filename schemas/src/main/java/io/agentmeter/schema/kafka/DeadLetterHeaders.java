package io.agentmeter.schema.kafka;

/**
 * Header names on {@link Topics#TURNS_DLQ} records. The value keeps the original bytes untouched so that a fixed
 * consumer can replay it; the headers say why it was rejected and where it came from (as Kafka Connect's DLQ does).
 */
public final class DeadLetterHeaders {

    /** One line: the first reason, for people reading with kcat. UTF-8. */
    public static final String REASON = "agentmeter.dlq.reason";
    /** Every problem as a JSON array of {@code {"path": ..., "reason": ...}}. UTF-8. */
    public static final String ERRORS = "agentmeter.dlq.errors";
    public static final String SOURCE_TOPIC = "agentmeter.dlq.topic";
    public static final String SOURCE_PARTITION = "agentmeter.dlq.partition";
    public static final String SOURCE_OFFSET = "agentmeter.dlq.offset";

    private DeadLetterHeaders() {
    }
}
