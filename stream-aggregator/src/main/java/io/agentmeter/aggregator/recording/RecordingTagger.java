package io.agentmeter.aggregator.recording;

import io.agentmeter.aggregator.AggregatorMetrics;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.kafka.Keys;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.recording.Recording;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tags a turn with its user's recording: the compacted {@code recordings} topic, keyed {@code tenant:user_id}, is
 * held in the global store {@value #STORE}; a turn that names a user, carries no recording of its own, and occurred
 * while that user's latest recording {@linkplain Recording#covers covers} it gets that recording's id. A global store
 * needs no repartition by user. An unreadable recording record is counted and ignored.
 */
public final class RecordingTagger implements FixedKeyProcessor<String, TurnEvent, TurnEvent> {

    public static final String STORE = "recordings-store";
    private static final Logger LOG = LoggerFactory.getLogger(RecordingTagger.class);

    private final AggregatorMetrics metrics;
    private FixedKeyProcessorContext<String, TurnEvent> context;
    private KeyValueStore<String, byte[]> recordings;

    public RecordingTagger(AggregatorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TurnEvent> context) {
        this.context = context;
        this.recordings = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, TurnEvent> record) {
        TurnEvent turn = record.value();
        if (turn.userId() == null || turn.recordingId() != null) {
            context.forward(record);
            return;
        }
        String key = Keys.user(turn.tenantId(), turn.userId());
        byte[] bytes = recordings.get(key);
        if (bytes != null) {
            try {
                Recording recording = Topics.RECORDINGS.valueSerde().deserializer()
                        .deserialize(Topics.RECORDINGS.name(), bytes);
                if (recording.startedAt() != null && recording.recordingId() != null
                        && recording.covers(turn.occurredAt())) {
                    turn = turn.withRecording(recording.recordingId());
                }
            } catch (RuntimeException e) {
                metrics.recordingUnreadable();
                LOG.warn("ignoring unreadable recording {}: {}", key, e.getMessage());
            }
        }
        context.forward(record.withValue(turn));
    }
}
