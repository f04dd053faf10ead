package io.agentmeter.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three KRaft nodes, each its own JVM: the active controller killed (SIGKILL) between acks=all sends to a topic with
 * 3 replicas and min ISR 2; sends go on with two nodes, the node comes back over its data and into every ISR, and
 * every acknowledged record is there.
 */
class LocalKafkaClusterIT {

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenANodeIsKilledAndComesBack() throws Exception {
        // Under target/, kept after the run: the nodes' logs say what happened.
        Path directory = Path.of("target", "kafka-cluster-it").toAbsolutePath();
        Directories.deleteRecursively(directory);
        long started = System.nanoTime();
        try (LocalKafkaCluster kafka = LocalKafkaCluster.builder().nodes(3).directory(directory)
                .classpath(nodeClasspath()).start()) {
            System.out.printf("3 nodes up in %.1f s%n", (System.nanoTime() - started) / 1e9);
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic("events", Optional.of(3), Optional.of((short) 3))
                        .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
            }
            int victim = kafka.activeController();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("events", "k" + i, "before-" + i)).get(30, TimeUnit.SECONDS);
                }
                long killed = System.nanoTime();
                kafka.node(victim).kill();
                assertThat(kafka.node(victim).isRunning()).isFalse();
                // Two of three in sync is min ISR: acks=all sends go on once the dead node is out of the ISR.
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("events", "k" + i, "during-" + i)).get(60, TimeUnit.SECONDS);
                }
                System.out.printf("100 sends acknowledged %.1f s after the kill%n", (System.nanoTime() - killed) / 1e9);
            }
            long restarted = System.nanoTime();
            kafka.node(victim).start();
            kafka.awaitFullyReplicated(Duration.ofSeconds(60));
            System.out.printf("node %d back in sync after %.1f s%n", victim, (System.nanoTime() - restarted) / 1e9);

            assertThat(readAll(kafka)).hasSize(200);
            assertThat(Files.readString(kafka.node(victim).log())).contains("Kafka Server started");
        }
    }

    private static Map<String, Object> producerConfig(LocalKafkaCluster kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    private static List<ConsumerRecord<String, String>> readAll(LocalKafkaCluster kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    /** The node JVMs run from the module's own runtime classpath, as a script would run them. */
    private static String nodeClasspath() throws Exception {
        String classes = System.getProperty("localstack.classes.dir", "target/classes");
        String file = System.getProperty("localstack.classpath.file", "target/classpath.txt");
        return classes + File.pathSeparator + Files.readString(Path.of(file)).trim();
    }
}
