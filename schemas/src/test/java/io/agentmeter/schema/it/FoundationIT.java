package io.agentmeter.schema.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.localstack.LocalKafka;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.TopicCreator;
import io.agentmeter.schema.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation end to end on real parts: a turn goes through the topic catalogue's serdes to a real KRaft broker
 * and back (postgres-writer's TurnRowWriterIT writes a priced turn into a real PostgreSQL migrated from empty).
 */
class FoundationIT {

    private static LocalKafka kafka;

    @BeforeAll
    static void startStack() {
        kafka = LocalKafka.startEphemeral();
    }

    @AfterAll
    static void stopStack() {
        kafka.close();
    }

    @Test
    void shouldCreateEveryCatalogueTopicWithItsCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicCreator.ensure(admin, Topics.all(), Optional.empty(), (short) 1, Duration.ofSeconds(30));
            var names = Topics.all().stream().map(t -> t.name()).toList();
            var configs = admin.describeConfigs(names.stream()
                    .map(n -> new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, n))
                    .toList()).all().get();
            for (var topic : Topics.all()) {
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic.name());
                assertThat(configs.get(resource).get("cleanup.policy").value())
                        .as(topic.name()).isEqualTo(topic.cleanupPolicy());
            }
            // A second call finds everything in place and creates nothing.
            assertThat(TopicCreator.ensure(admin, Topics.all(), Optional.empty(), (short) 1, Duration.ofSeconds(30)))
                    .isEmpty();
        }
    }

    @Test
    void shouldReadBackFromTheBrokerTheTurnItSent() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicCreator.ensure(admin, List.of(Topics.RAW_TURNS), Optional.empty(), (short) 1, Duration.ofSeconds(30));
        }
        TurnEvent sent = sampleTurn("gpt-5", new Usage(10_000L, 3_000L, 8_000L, null, null, null, 13_000L));
        String key = Keys.session(sent.tenantId(), sent.sessionId());
        byte[] bytes = io.agentmeter.schema.event.TurnEventWriter.toBytes(sent);

        Map<String, Object> producerConfig = kafka.clientConfig();
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(producerConfig, Topics.RAW_TURNS.keySerde().serializer(),
                Topics.RAW_TURNS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(), key, bytes)).get();
        }

        Map<String, Object> consumerConfig = kafka.clientConfig();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "foundation-it-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig, Topics.RAW_TURNS.keySerde().deserializer(),
                Topics.RAW_TURNS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.RAW_TURNS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.stream().noneMatch(r -> r.key().equals(key)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        ConsumerRecord<String, byte[]> record = received.stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("the turn never came back from the broker"));
        TurnEvent readBack = new TurnEventReader().read(record.value()).orElseThrow();
        assertThat(readBack).isEqualTo(sent);
    }

    private static TurnEvent sampleTurn(String model, Usage usage) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        return new TurnEvent(1, "acme", "evt-" + UUID.randomUUID(), at, "session-1", model, "openai", "demo",
                "planner", "user-1", null, null, 3, at.minusMillis(1_500), 1_500L, "ok", null, usage, null, null,
                null, null, null, null, Map.of("env", "test"), null);
    }
}
