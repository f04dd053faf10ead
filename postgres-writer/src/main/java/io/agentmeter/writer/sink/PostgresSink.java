package io.agentmeter.writer.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one kind of record ({@link SinkKind}: priced turns, activity events) from Kafka into {@link Storage}, exactly
 * once in effect: its own consumer group, {@code read_committed} (only what transactions committed), batches of at
 * most {@code batchSize} records or {@code maxWait} ({@link FlushSchedule}), each written in one transaction, and the
 * offsets committed only after that transaction. A crash between the two replays the batch, which the store's key
 * guard makes a no-op (for turns: no turn in it is new, so no rollup changes).
 *
 * <p>When the store fails the batch is kept and retried with exponential backoff (consumption paused meanwhile, the
 * group membership kept); nothing is skipped and the sink never gives up. {@link #state()} reports it, for readiness.
 * A record that cannot be read ({@link SinkKind#reader} refuses it) is logged, counted and skipped.
 */
public final class PostgresSink<V> implements Runnable, AutoCloseable {

    /** What readiness sees. */
    public enum State { STARTING, RUNNING, RETRYING, STOPPED }

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);
    /** Conflicting copies logged per batch; the counter has them all. */
    private static final int CONFLICTS_LOGGED = 5;

    private final SinkKind<V> kind;
    private final Storage<V> storage;
    private final KafkaConsumer<String, byte[]> consumer;
    private final FlushSchedule schedule;
    private final Duration maxWait;
    private final Duration maxBackoff;
    private Thread thread;
    private final SinkListener<V> listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private final Timer batchLatency;
    private final Timer freshness;
    private final Counter turnsWritten;
    private final Counter failures;
    private final Counter unreadable;
    private final Counter copies;
    private final Counter conflicting;
    private final KafkaClientMetrics consumerMetrics;

    private List<V> pending = new ArrayList<>();
    private final Map<TopicPartition, OffsetAndMetadata> pendingOffsets = new HashMap<>();
    /** Grows when the pending records are dropped (revocation), so a write loop knows its batch is gone. */
    private long generation;

    /** @param name this sink's name among those of its group: its consumer's client id */
    public PostgresSink(String bootstrap, String groupId, String name, SinkKind<V> kind, Storage<V> storage,
                        int batchSize, Duration maxWait, Duration maxBackoff, Optional<String> instanceId,
                        MeterRegistry registry, SinkListener<V> listener) {
        String sink = kind.tag();
        this.kind = kind;
        this.storage = storage;
        this.schedule = new FlushSchedule(batchSize, maxWait);
        this.maxWait = maxWait;
        this.maxBackoff = maxBackoff;
        this.listener = listener;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        instanceId.ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(500, batchSize));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) Math.min(100, Math.max(1, maxWait.toMillis())));
        // Eager rebalancing: on revocation every partition goes, so a dropped batch is re-read from committed offsets.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        batchLatency = Timer.builder("agentmeter_sink_batch").description("time to write one batch to PostgreSQL")
                .publishPercentiles(0.5, 0.99).tag("sink", sink).register(registry);
        freshness = Timer.builder("agentmeter_sink_turn_freshness")
                .description("occurred_at of a record (a turn, an activity event) to its commit in PostgreSQL")
                .publishPercentiles(0.5, 0.99)
                .tag("sink", sink).register(registry);
        turnsWritten = Counter.builder("agentmeter_sink_turns").description("records written (new or not)")
                .tag("sink", sink).register(registry);
        failures = Counter.builder("agentmeter_sink_failures").description("batch writes that failed and were retried")
                .tag("sink", sink).register(registry);
        unreadable = Counter.builder("agentmeter_sink_unreadable").description("records skipped as unreadable")
                .tag("sink", sink).register(registry);
        copies = Counter.builder("agentmeter_sink_duplicates")
                .description("records whose event id was stored before: neither stored nor counted again")
                .tag("sink", sink).register(registry);
        conflicting = Counter.builder("agentmeter_sink_conflicting_duplicates")
                .description("of those, copies whose content differs from the stored one (logged with the field)")
                .tag("sink", sink).register(registry);
    }

    /** Runs the sink on a thread of its own, named {@code threadName}. */
    public void start(String threadName) {
        thread = new Thread(this, threadName);
        thread.start();
    }

    /** The sink's thread still runs (once started). */
    public boolean alive() {
        return thread == null || thread.isAlive();
    }

    public State state() {
        return state.get();
    }

    /** The last write error while {@link #state()} is RETRYING, else null. */
    public String lastError() {
        return lastError.get();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(kind.topic()), new DropPendingOnRevoke());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
                for (ConsumerRecord<String, byte[]> record : records) {
                    add(record);
                }
                if (schedule.due(pending.size(), System.currentTimeMillis())) {
                    flush();
                } else if (state.get() == State.STARTING && pending.isEmpty()) {
                    state.set(State.RUNNING);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("sink stopped unexpectedly", e);
            throw e;
        } finally {
            state.set(State.STOPPED);
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                consumerMetrics.close();
                storage.close();
                stopped.countDown();
            }
        }
    }

    private Duration pollTimeout() {
        long idle = maxWait.isZero() ? 100 : maxWait.toMillis();
        return Duration.ofMillis(schedule.millisUntilDue(System.currentTimeMillis(), idle));
    }

    private void add(ConsumerRecord<String, byte[]> record) {
        pendingOffsets.put(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1));
        schedule.read(System.currentTimeMillis());
        if (record.value() == null) {
            return;
        }
        try {
            pending.add(kind.reader().read(record.key(), record.value()));
        } catch (RuntimeException e) {
            unreadable.increment();
            LOG.error("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /** Writes the pending records, retrying until they are in, then commits the offsets of what was read. */
    private void flush() {
        List<V> batch = pending;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(pendingOffsets);
        long backoff = 100;
        boolean paused = false;
        long batchGeneration = generation;
        while (running && batchGeneration == generation) {
            long start = System.nanoTime();
            try {
                Storage.Written written = storage.write(batch);
                report(written);
                long committedAt = System.currentTimeMillis();
                batchLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                turnsWritten.increment(batch.size());
                for (V item : batch) {
                    freshness.record(Math.max(0, committedAt - kind.occurredAt().apply(item).toEpochMilli()),
                            TimeUnit.MILLISECONDS);
                }
                consumer.commitSync(offsets);
                listener.committed(batch, committedAt);
                reset();
                if (state.getAndSet(State.RUNNING) == State.RETRYING) {
                    LOG.info("sink recovered: the store accepts writes again");
                }
                lastError.set(null);
                break;
            } catch (org.apache.kafka.common.errors.RebalanceInProgressException
                     | org.apache.kafka.clients.consumer.CommitFailedException e) {
                // The rows are in; the offsets were not. The batch will be re-read and written again: a no-op.
                LOG.warn("offset commit failed after a rebalance; the batch will be replayed: {}", e.getMessage());
                reset();
            } catch (WakeupException e) {
                throw e;
            } catch (Exception e) {
                failures.increment();
                lastError.set(brief(e));
                if (state.getAndSet(State.RETRYING) != State.RETRYING) {
                    LOG.warn("sink cannot write to the store, retrying with backoff: {}", brief(e));
                }
                if (!paused) {
                    consumer.pause(consumer.assignment());
                    paused = true;
                }
                waitPolling(backoff);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
        if (paused) {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Counts the copies PostgreSQL turned away, and logs those that differ from the stored one (for turns the
     * aggregator dead-letters such copies within its dedupe horizon; these came later or under another session).
     */
    private void report(Storage.Written written) {
        copies.increment(written.copies());
        conflicting.increment(written.conflicts().size());
        written.conflicts().stream().limit(CONFLICTS_LOGGED).forEach(conflict -> LOG.warn(
                "conflicting_duplicate of {} event_id {} (tenant {}), not stored: {}", kind.tag(), conflict.eventId(),
                conflict.tenantId(), conflict.difference()));
        if (written.conflicts().size() > CONFLICTS_LOGGED) {
            LOG.warn("{} more conflicting duplicates in this batch", written.conflicts().size() - CONFLICTS_LOGGED);
        }
    }

    /** The cause in one short line (a failed batch statement's message holds the whole statement). */
    private static String brief(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
        if (root != e) {
            message = root.getClass().getSimpleName() + ": " + root.getMessage();
        } else if (e instanceof java.sql.SQLException sql && sql.getNextException() != null) {
            message = sql.getNextException().getMessage();
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    /** Sleeps while keeping the group membership alive: polls with every partition paused. */
    private void waitPolling(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (running && System.currentTimeMillis() < until) {
            consumer.pause(consumer.assignment());
            ConsumerRecords<String, byte[]> early = consumer.poll(Duration.ofMillis(Math.min(200, millis)));
            // Partitions assigned by a rebalance during the wait are not paused yet: put their records back.
            for (TopicPartition partition : early.partitions()) {
                consumer.seek(partition, early.records(partition).get(0).offset());
            }
        }
    }

    private void reset() {
        pending = new ArrayList<>();
        pendingOffsets.clear();
        schedule.reset();
        generation++;
    }

    /** Stops the loop and waits for it; the pending batch, not committed, is re-read by the next owner. */
    @Override
    public void close() {
        stop();
        awaitStopped(Duration.ofSeconds(30));
    }

    /** Tells the loop to stop, without waiting. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    void awaitStopped(Duration timeout) {
        try {
            stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class DropPendingOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!pending.isEmpty()) {
                LOG.info("partitions revoked with {} records not yet written; they will be re-read",
                        pending.size());
            }
            reset();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> assigned = new ArrayList<>(partitions);
            LOG.debug("sink assigned {}", assigned);
        }
    }
}
