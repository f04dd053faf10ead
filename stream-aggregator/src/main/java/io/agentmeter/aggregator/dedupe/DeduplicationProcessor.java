package io.agentmeter.aggregator.dedupe;

import io.agentmeter.aggregator.AggregatorMetrics;
import io.agentmeter.schema.event.TurnEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops every copy of a turn whose (tenant, event_id) was already seen within the horizon, in event time: the first
 * copy moves on, later ones are counted and dropped (after Confluent's EventDeduplication example).
 *
 * <p>The ids live in a windowed store ({@value #STORE}) whose retention is the horizon, so memory and disk stay
 * bounded; it is changelogged, and under exactly_once_v2 the store and the output move together, so a crash never
 * forgets an id whose turn was emitted. Works per partition: the stream is keyed {@code tenant:session_id}, and every
 * copy of an event carries the same session, hence the same partition.
 */
public final class DeduplicationProcessor implements FixedKeyProcessor<String, TurnEvent, TurnEvent> {

    public static final String STORE = "dedupe-store";

    private final Duration horizon;
    private final AggregatorMetrics metrics;
    private FixedKeyProcessorContext<String, TurnEvent> context;
    private WindowStore<String, Long> seen;

    public DeduplicationProcessor(Duration horizon, AggregatorMetrics metrics) {
        this.horizon = horizon;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TurnEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, TurnEvent> record) {
        TurnEvent turn = record.value();
        String id = eventKey(turn);
        long at = record.timestamp();
        if (isDuplicate(id, at)) {
            metrics.duplicate();
            return;
        }
        rememberNewEvent(id, at);
        context.forward(record);
    }

    /** The dedupe key: {@code tenant:event_id} (a tenant id never holds ':'). */
    static String eventKey(TurnEvent turn) {
        return turn.tenantId() + ':' + turn.eventId();
    }

    private boolean isDuplicate(String id, long at) {
        long h = horizon.toMillis();
        try (WindowStoreIterator<Long> hits = seen.fetch(id, Math.max(0, at - h), at + h)) {
            return hits.hasNext();
        }
    }

    private void rememberNewEvent(String id, long at) {
        seen.put(id, at, at);
    }
}
