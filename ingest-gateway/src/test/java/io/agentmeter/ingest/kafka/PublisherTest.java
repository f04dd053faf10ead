package io.agentmeter.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublisherTest {

    private final ScheduledExecutorService broker = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        broker.shutdownNow();
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, new SinglePartition(), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static List<ProducerRecord<String, byte[]>> records(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new ProducerRecord<>("t", "k" + i, new byte[] {(byte) i}))
                .toList();
    }

    @Test
    void shouldReturnOnceEveryRecordIsAcknowledged() {
        MockProducer<String, byte[]> producer = producer(false);
        Publisher publisher = new Publisher(producer, Duration.ofSeconds(5), registry);
        broker.schedule(() -> {
            while (producer.completeNext()) {
                // acknowledge every record sent so far
            }
        }, 100, TimeUnit.MILLISECONDS);
        publisher.publish(records(3));
        assertThat(producer.history()).hasSize(3);
        assertThat(registry.get("agentmeter.ingest.produce.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void shouldFailRetriablyAtTheFirstRecordKafkaFailed() {
        MockProducer<String, byte[]> producer = producer(false);
        Publisher publisher = new Publisher(producer, Duration.ofSeconds(5), registry);
        broker.schedule(() -> producer.errorNext(new TimeoutException("Expiring 3 record(s)")), 50,
                TimeUnit.MILLISECONDS);
        assertThatThrownBy(() -> publisher.publish(records(3)))
                .isInstanceOfSatisfying(KafkaUnavailableException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getMessage()).contains("Expiring");
                });
    }

    @Test
    void shouldNotWaitBeyondTheBound() {
        Publisher publisher = new Publisher(producer(false), Duration.ofMillis(300), registry);
        long started = System.nanoTime();
        assertThatThrownBy(() -> publisher.publish(records(2)))
                .isInstanceOfSatisfying(KafkaUnavailableException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getMessage()).contains("did not acknowledge 2 of 2 records within 300 ms");
                });
        // Bounded, not timed: without the bound the future would wait forever; the margin absorbs a busy machine.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void shouldReportAFailingSendAndPermanentErrorsAsNotRetriable() {
        MockProducer<String, byte[]> producer = producer(true);
        producer.sendException = new TimeoutException("Topic not present in metadata after 1000 ms");
        Publisher publisher = new Publisher(producer, Duration.ofSeconds(5), registry);
        assertThatThrownBy(() -> publisher.publish(records(1)))
                .isInstanceOfSatisfying(KafkaUnavailableException.class, e -> assertThat(e.retriable()).isTrue());

        MockProducer<String, byte[]> refusing = producer(false);
        Publisher permanent = new Publisher(refusing, Duration.ofSeconds(5), registry);
        broker.schedule(() -> refusing.errorNext(new RecordTooLargeException("too large")), 50, TimeUnit.MILLISECONDS);
        assertThatThrownBy(() -> permanent.publish(records(1)))
                .isInstanceOfSatisfying(KafkaUnavailableException.class, e -> assertThat(e.retriable()).isFalse());
    }

    @Test
    void shouldDoNothingForNoRecords() {
        MockProducer<String, byte[]> producer = producer(false);
        new Publisher(producer, Duration.ofSeconds(1), registry).publish(List.of());
        assertThat(producer.history()).isEmpty();
    }
}
