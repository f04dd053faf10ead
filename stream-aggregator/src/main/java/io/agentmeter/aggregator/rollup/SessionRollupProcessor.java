package io.agentmeter.aggregator.rollup;

import io.agentmeter.schema.rollup.SessionRollup;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The session rollups: each commit's turns are summed per session in a {@link CommitBuffer}, and at the commit each
 * session's sum is added to its stored rollup once, which is then written (store and changelog) and emitted. A busy
 * session's rollup is read, decoded, encoded and written once a commit instead of once per turn; what is emitted is
 * the same as with a cached store, one record per session and commit.
 *
 * <p>The store must not be cached: it is written while the commit is being prepared, after the caches may have
 * been flushed, so a cache could hold the update past the commit that takes the turns' offsets.
 */
public final class SessionRollupProcessor implements Processor<String, RollupTurn, String, SessionRollup> {

    private final String storeName;
    private final String bufferName;
    private CommitForwarder<String, SessionRollup> forwarder;
    private TimestampedKeyValueStore<String, SessionRollup> store;
    private CommitBuffer<String, SessionRollup> buffer;

    public SessionRollupProcessor(String storeName, String bufferName) {
        this.storeName = storeName;
        this.bufferName = bufferName;
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
            ValueAndTimestamp<SessionRollup> stored = store.get(session);
            SessionRollup rollup = stored == null ? sum : stored.value().plus(sum);
            // Event time, as the turns had: the newest turn's, never before what was stored.
            long timestamp = sum.totals().lastSeen() == null ? 0L : sum.totals().lastSeen().toEpochMilli();
            if (stored != null) {
                timestamp = Math.max(timestamp, stored.timestamp());
            }
            store.put(session, ValueAndTimestamp.make(rollup, timestamp));
            forwarder.forward(new Record<>(session, rollup, timestamp));
        });
    }
}
