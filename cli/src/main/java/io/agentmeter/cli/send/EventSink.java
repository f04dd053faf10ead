package io.agentmeter.cli.send;

import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.event.TurnEvent;
import java.util.List;

/**
 * Where turn events go: the ingest gateway over HTTP, a Kafka topic, or standard output (--dry-run). Sending the
 * same event twice is harmless: the pipeline counts each (tenant, event_id) once.
 */
public interface EventSink extends AutoCloseable {

    /**
     * Sends {@code events}, retrying what may be retried.
     *
     * @return how many the destination accepted, and each it rejected (with its index in {@code events})
     * @throws SendException when the events could not be delivered: nothing may be assumed accepted
     */
    SendResult send(List<TurnEvent> events) throws SendException;

    /**
     * Sends activity events (tool calls, replies, errors: never spend), retrying what may be retried; the same
     * contract as {@link #send}. A sink that cannot take them refuses for good.
     */
    default SendResult sendActivity(List<ActivityEvent> events) throws SendException {
        throw new SendException(describe() + " does not take activity events", false);
    }

    /** For messages: where the events go. */
    String describe();

    @Override
    default void close() {
    }
}
