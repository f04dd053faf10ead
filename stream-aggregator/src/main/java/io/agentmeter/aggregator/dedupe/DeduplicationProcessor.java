package io.agentmeter.aggregator.dedupe;

import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import io.agentmeter.aggregator.dlq.DeadLetterMarks;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.validation.Violation;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * One identity per (tenant, event_id): the first copy accepted moves on; a later copy is a duplicate whatever its
 * {@code occurred_at} or content, counted and dropped; a later copy whose content differs is also a
 * <em>conflicting</em> duplicate, counted and sent on (to the dead-letter topic) with the reason (after Confluent's
 * EventDeduplication example).
 *
 * <p>Ids are remembered for the horizon in <b>arrival time</b> (the wall clock when the turn is processed), not in
 * event time: a copy of last year's turn sent twice a minute apart is recognised like a copy of today's. The ids
 * live in a windowed store ({@value #STORE}) stamped with their arrival, whose retention is the horizon, so memory
 * and disk stay bounded; it is changelogged, and under exactly_once_v2 the store and the output move together, so a
 * crash never forgets an id whose turn was emitted. Works per partition: the stream is keyed
 * {@code tenant:session_id}, and every copy of an event carries the same session, hence the same partition.
 * PostgreSQL's {@code turn_keys} guard keeps {@code turns} single beyond that (see docs/architecture.md, Dedupe).
 */
public final class DeduplicationProcessor implements FixedKeyProcessor<String, TurnEvent, Deduped> {

    public static final String STORE = "dedupe-store";
    /** The dead-letter reason of a conflicting copy. */
    public static final String CONFLICT_REASON = "conflicting_duplicate";

    private final Duration horizon;
    private final AggregatorMetrics metrics;
    private FixedKeyProcessorContext<String, Deduped> context;
    private WindowStore<String, FirstCopy> seen;

    public DeduplicationProcessor(Duration horizon, AggregatorMetrics metrics) {
        this.horizon = horizon;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Deduped> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, TurnEvent> record) {
        TurnEvent turn = record.value();
        String id = eventKey(turn);
        long arrival = context.currentSystemTimeMs();
        FirstCopy first = firstCopy(id, arrival);
        if (first == null) {
            rememberNewEvent(id, turn, arrival);
            context.forward(record.withValue(Deduped.first(turn)));
            return;
        }
        metrics.duplicate();
        Violation conflict = first.conflictWith(turn);
        if (conflict != null) {
            metrics.conflictingDuplicate();
            DeadLetterMarks.mark(record.headers(), CONFLICT_REASON + " of event_id " + turn.eventId() + ": " + conflict,
                    List.of(conflict), context.recordMetadata());
            context.forward(record.withValue(Deduped.conflicting(turn, conflict)));
        }
    }

    /** The dedupe key: {@code tenant:event_id} (a tenant id never holds ':'). */
    static String eventKey(TurnEvent turn) {
        return turn.tenantId() + ':' + turn.eventId();
    }

    /** The first copy remembered within the horizon of {@code arrival} (either side: a wall clock may step back). */
    private FirstCopy firstCopy(String id, long arrival) {
        long h = horizon.toMillis();
        try (WindowStoreIterator<FirstCopy> hits = seen.fetch(id, Math.max(0, arrival - h), arrival + h)) {
            return hits.hasNext() ? hits.next().value : null;
        }
    }

    private void rememberNewEvent(String id, TurnEvent turn, long arrival) {
        seen.put(id, FirstCopy.of(turn), arrival);
    }
}
