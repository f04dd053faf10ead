package io.agentmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.localstack.LocalKafka;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** import and demo with --kafka against a real single-node broker: keys, tenant, valid values. */
class KafkaSinkIT {

    private static LocalKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.startEphemeral();
        kafka.createTopic(Topics.RAW_TURNS.name(), 3, Map.of());
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static int run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return Main.run(args, new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(sink, true, StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void shouldProduceImportedAndDemoTurnsKeyedByTenantAndSession() throws Exception {
        String logs = Path.of(Objects.requireNonNull(KafkaSinkIT.class.getResource("/agent-logs")).toURI())
                .toString();

        assertThat(run("import", "--kafka", kafka.bootstrapServers(), "--tenant", "acme", logs)).isZero();
        assertThat(run("demo", "--kafka", kafka.bootstrapServers(), "--tenant", "acme", "--turns", "30",
                "--live", "5", "--rate", "0", "--seed", "4")).isZero();

        List<ConsumerRecord<String, byte[]>> records = readAll(25 + 30);
        assertThat(records).hasSize(55);
        TurnEventReader reader = new TurnEventReader();
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TurnEvent turn = reader.read(record.value()).orElseThrow();
            assertThat(turn.tenantId()).isEqualTo("acme");
            assertThat(record.key()).isEqualTo(Keys.session("acme", turn.sessionId()));
            ids.add(turn.eventId());
        }
        assertThat(ids).doesNotHaveDuplicates().contains(
                "codex:019c8bfe-ec25-79e0-97d7-bda6a9c575ff:299496", "zeroclaw:7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(int expected) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW_TURNS.name(), Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            // A little longer, to see that nothing more than expected arrives.
            consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        }
        return received;
    }
}
