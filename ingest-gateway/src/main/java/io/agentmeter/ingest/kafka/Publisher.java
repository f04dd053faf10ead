package io.agentmeter.ingest.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Publishes records and returns only once Kafka acknowledged every one of them (the producer runs with acks=all and
 * idempotence), or fails within a fixed bound. Never blocks longer than {@code bound}: the producer's own
 * {@code max.block.ms} and {@code delivery.timeout.ms} end every send, and the wait here is capped on top.
 */
public final class Publisher {

    private final Producer<String, byte[]> producer;
    private final Duration bound;
    private final Timer latency;

    /**
     * @param bound the longest a {@link #publish} waits: {@code max.block.ms + delivery.timeout.ms} plus a margin
     */
    public Publisher(Producer<String, byte[]> producer, Duration bound, MeterRegistry registry) {
        this.producer = producer;
        this.bound = bound;
        this.latency = Timer.builder("agentmeter.ingest.produce.latency")
                .description("Time from the first send of a request's records to Kafka's acknowledgement of the last")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /**
     * Sends every record and waits for all acknowledgements.
     *
     * @throws KafkaUnavailableException when a record was not acknowledged: at the first failure, or at the bound
     */
    public void publish(List<? extends ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else if (pending.decrementAndGet() == 0) {
                        done.complete(null);
                    }
                });
            } catch (KafkaException e) {
                // send() itself failed: max.block.ms passed on a full buffer or missing metadata, or the producer is
                // closing. Records sent before keep going; the client retries them all.
                throw unavailable(e, records.size());
            }
            if (done.isCompletedExceptionally()) {
                break;
            }
        }
        try {
            done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause(), records.size());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge " + pending.get() + " of " + records.size()
                    + " records within " + bound.toMillis() + " ms", e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e, true);
        }
    }

    private static KafkaUnavailableException unavailable(Throwable cause, int count) {
        boolean retriable = cause instanceof RetriableException
                || cause instanceof org.apache.kafka.common.errors.InterruptException;
        return new KafkaUnavailableException("Kafka did not take " + count + " records: "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause, retriable);
    }
}
