package io.agentmeter.aggregator.rollup;

import io.agentmeter.aggregator.AggregatorMetrics;
import io.agentmeter.schema.rollup.SessionRollup;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session rollups: each commit's turns are summed per session in a {@link CommitBuffer}, and at the commit each
 * session's sum is added to its stored rollup once, which is then written (store and changelog) and emitted. A busy
 * session's rollup is read, decoded, encoded and written once a commit instead of once per turn; what is emitted is
 * the same as with a cached store, one record per session and commit.
 *
 * <p>This runs while the commit is prepared, outside any record's processing, so Kafka Streams' processing-error
 * handler does not see it: a session whose stored rollup cannot be read or added to (a store value of an unknown
 * format, after a downgrade; a sum beyond a long) is logged, counted ({@code agentmeter_session_rollup_failures}) and
 * left as it was, instead of failing the commit again and again. Its turns are still in {@code priced-turns}.
 *
 * <p>The store must not be cached: it is written while the commit is being prepared, after the caches may have
 * been flushed, so a cache could hold the update past the commit that takes the turns' offsets.
 */
public final class SessionRollupProcessor implements Processor<String, RollupTurn, String, SessionRollup> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRollupProcessor.class);

    private final String storeName;
    private final String bufferName;
    private final AggregatorMetrics metrics;
    private CommitForwarder<String, SessionRollup> forwarder;
    private TimestampedKeyValueStore<String, SessionRollup> store;
    private CommitBuffer<String, SessionRollup> buffer;

    public SessionRollupProcessor(String storeName, String bufferName, AggregatorMetrics metrics) {
        this.storeName = storeName;
        this.bufferName = bufferName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SessionRollup> context) {
        forwarder = new CommitForwarder<>(context);
        store = context.getStateStore(storeName);
        buffer = context.getStateStore(bufferName);
        buffer.onCommit(this::addAll);
    }

    @Override
    public void process(Record<String, RollupTurn> record) {
        buffer.update(record.key(), sum -> (sum == null ? SessionRollup.EMPTY : sum).plus(record.value().priced()));
    }

    private void addAll(Map<String, SessionRollup> sums) {
        sums.forEach((session, sum) -> {
            SessionRollup rollup;
            long timestamp;
            try {
                ValueAndTimestamp<SessionRollup> stored = store.get(session);
                rollup = stored == null ? sum : stored.value().plus(sum);
                // Event time, as the turns had: the newest turn's, never before what was stored.
                timestamp = sum.totals().lastSeen() == null ? 0L : sum.totals().lastSeen().toEpochMilli();
                if (stored != null) {
                    timestamp = Math.max(timestamp, stored.timestamp());
                }
                store.put(session, ValueAndTimestamp.make(rollup, timestamp));
            } catch (RuntimeException e) {
                metrics.sessionRollupFailed();
                LOG.error("session rollup {} left as it was: {} turns of this commit could not be added to it",
                        session, sum.totals().turns(), e);
                return;
            }
            forwarder.forward(new Record<>(session, rollup, timestamp));
        });
    }
}
