package io.agentmeter.aggregator.rollup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * What one task has summed since its last commit, in memory, handed to its owner to forward <i>as part of</i> each
 * commit. Kafka Streams offers no public hook "just before this task commits"; its own record caches get one: while a
 * task prepares a commit, before the transaction that also commits the input offsets, the state manager calls
 * {@link CachedStateStore#flushCache()} on every store of the task. This store uses that call. So under
 * exactly_once_v2 the forwarded records and the offsets of the turns they sum commit together, and when a commit does
 * not happen (crash, dirty close) neither do its offsets: the turns are read again and summed again. That is also why
 * nothing here is logged or restored: the buffer is empty after every commit.
 *
 * <p>Relies on Kafka Streams internals ({@code CachedStateStore}), pinned by the project's Kafka version;
 * {@code AggregatorTopologyTest} and the end-to-end and crash-recovery tests fail if the hook stops being called.
 *
 * @param <K> what the buffer sums by
 * @param <V> the sums
 */
public final class CommitBuffer<K, V> implements StateStore, CachedStateStore<K, V> {

    private final String name;
    private final Map<K, V> entries = new LinkedHashMap<>();
    private Consumer<Map<K, V>> onCommit = entries -> { };
    private boolean open;

    private CommitBuffer(String name) {
        this.name = name;
    }

    /** Adds to the entry of {@code key}: {@code update} gets null when the key has none yet this commit. */
    public void update(K key, UnaryOperator<V> update) {
        entries.compute(key, (k, value) -> update.apply(value));
    }

    /** {@code onCommit} receives the entries at each commit (never when empty); the map is cleared afterwards. */
    public void onCommit(Consumer<Map<K, V>> onCommit) {
        this.onCommit = onCommit;
    }

    @Override
    public void flushCache() {
        if (!entries.isEmpty()) {
            try {
                onCommit.accept(entries);
            } finally {
                entries.clear();
            }
        }
    }

    @Override
    public void clearCache() {
        entries.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        entries.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds one buffer per task; never logged, never cached (it is the cache). */
    public static <K, V> StoreBuilder<CommitBuffer<K, V>> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<CommitBuffer<K, V>> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitBuffer<K, V>> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitBuffer<K, V>> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException("a commit buffer holds nothing past a commit to log");
            }

            @Override
            public StoreBuilder<CommitBuffer<K, V>> withLoggingDisabled() {
                return this;
            }

            @Override
            public CommitBuffer<K, V> build() {
                return new CommitBuffer<>(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
