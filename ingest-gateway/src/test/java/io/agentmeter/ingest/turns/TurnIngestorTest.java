package io.agentmeter.ingest.turns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.ingest.kafka.Publisher;
import io.agentmeter.ingest.limit.RateLimiter;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.validation.TurnValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.agentmeter.ingest.kafka.SinglePartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TurnIngestorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, new SinglePartition(),
            new StringSerializer(), new ByteArraySerializer());
    private final Caller caller = new Caller("key_1", "acme", Optional.empty());

    private TurnIngestor ingestor(Optional<RateLimiter> limiter) {
        return new TurnIngestor(new TurnPreparer(new TurnValidator()), limiter,
                new Publisher(producer, Duration.ofSeconds(2), registry), new IngestMetrics(registry), 10,
                Duration.ofSeconds(3));
    }

    private static String event(String id) {
        return "{\"event_id\":\"" + id + "\",\"occurred_at\":\"" + Instant.now().minusSeconds(60)
                + "\",\"session_id\":\"s\",\"model\":\"m\"}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPublishTheValidItemsOfAMixedBatchWithHeaders() {
        BatchResult result = ingestor(Optional.empty()).ingest(caller,
                bytes("[" + event("a") + ", {\"event_id\": \"b\"}, " + event("c") + "]"), BatchFormat.JSON);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(result.rejectedItems().get(0).index()).isEqualTo(1);
        assertThat(result.rejectedItems().get(0).eventId()).isEqualTo("b");
        assertThat(result.error()).isEqualTo("invalid_events");
        assertThat(producer.history()).hasSize(2).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(Topics.RAW_TURNS.name());
            assertThat(record.key()).isEqualTo("acme:s");
            assertThat(new String(record.headers().lastHeader(TurnHeaders.SOURCE).value())).isEqualTo("http");
            assertThat(new String(record.headers().lastHeader(TurnHeaders.SCHEMA_VERSION).value())).isEqualTo("1");
        });
        assertThat(registry.get("agentmeter.ingest.events.accepted").counter().count()).isEqualTo(2);
        assertThat(registry.get("agentmeter.ingest.events.rejected").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldPublishNothingWhenEveryItemIsInvalid() {
        BatchResult result = ingestor(Optional.empty()).ingest(caller, bytes("{}\n{}\n"), BatchFormat.NDJSON);
        assertThat(result.accepted()).isZero();
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseARequestOverTheRateWithoutPublishingAnything() {
        TurnIngestor ingestor = ingestor(Optional.of(new RateLimiter(1, 10)));
        String batch = "[" + String.join(",", java.util.Collections.nCopies(8, event("x"))) + "]";
        ingestor.ingest(caller, bytes(batch), BatchFormat.JSON);
        assertThatThrownBy(() -> ingestor.ingest(caller, bytes(batch), BatchFormat.JSON))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                            assertThat(wait).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(7)));
                });
        assertThat(producer.history()).hasSize(8);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaDoesNotAcknowledge() {
        producer.sendException = new TimeoutException("metadata");
        assertThatThrownBy(() -> ingestor(Optional.empty()).ingest(caller, bytes(event("a")), BatchFormat.JSON))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("kafka_unavailable");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                });
    }

    @Test
    void shouldRefuseMoreEventTreesThanAllowed() {
        var trees = java.util.Collections.nCopies(11, io.agentmeter.schema.Json.mapper().createObjectNode());
        assertThatThrownBy(() -> ingestor(Optional.empty()).ingestTrees(caller, trees, TurnHeaders.Source.OTLP))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void shouldMarkEventsFromOtlpAsSuch() {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) io.agentmeter.schema.Json.mapper()
                .valueToTree(java.util.Map.of("event_id", "o", "occurred_at", Instant.now().minusSeconds(1).toString(),
                        "session_id", "s", "model", "m"));
        ingestor(Optional.empty()).ingestTrees(caller, java.util.List.of(tree), TurnHeaders.Source.OTLP);
        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(new String(record.headers().lastHeader(TurnHeaders.SOURCE).value())).isEqualTo("otlp");
    }
}
