package io.agentmeter.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKafkaIT {

    private static LocalKafka kafka;
    private static Duration startupTime;

    @BeforeAll
    static void startBroker() {
        long startedAt = System.nanoTime();
        kafka = LocalKafka.startEphemeral();
        startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
        System.out.printf("LocalKafka started in %d ms on %s%n", startupTime.toMillis(), kafka.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldRunOnLoopback() {
        // The start-up time is printed above, not asserted: speed is measured in benchmarks, and a busy machine
        // stretches it (it took over 20 s once while other builds shared the two cores).
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    }

    @Test
    void shouldDeliverAProducedRecordToAConsumer() throws Exception {
        kafka.createTopic("greetings", 1, Map.of());

        KafkaTestClients.sendAcknowledged(kafka, "greetings", Map.of("k1", "hello"));

        List<ConsumerRecord<String, String>> records = KafkaTestClients.readFromBeginning(
                kafka, "greetings", 1, IsolationLevel.READ_UNCOMMITTED, Duration.ofSeconds(15));
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(Tuple.tuple("k1", "hello"));
    }

    @Test
    void shouldCreateTopicsWithTheirPartitionsAndConfigAndLeaveExistingOnesAlone() throws Exception {
        kafka.createTopics(List.of(
                new NewTopic("usage-rollups", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic("usage-events", 2, (short) 1)));
        // A second set-up run (as a persistent stack does on every start) must neither fail nor change anything.
        kafka.createTopic("usage-rollups", 1, Map.of());

        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<String, TopicDescription> topics = admin.describeTopics(Set.of("usage-rollups", "usage-events"))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get("usage-rollups").partitions()).hasSize(3);
            assertThat(topics.get("usage-events").partitions()).hasSize(2);

            ConfigResource rollups = new ConfigResource(ConfigResource.Type.TOPIC, "usage-rollups");
            Config config = admin.describeConfigs(Set.of(rollups)).all().get(10, TimeUnit.SECONDS).get(rollups);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
        assertThat(kafka.topicNames()).contains("usage-rollups", "usage-events");
    }

    @Test
    void shouldRejectAnInvalidTopicInsteadOfHanging() {
        assertThatThrownBy(() -> kafka.createTopic("bad-config", 1, Map.of("cleanup.policy", "shred")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bad-config");
    }

    @Test
    void shouldRunAnExactlyOnceStreamsAppWhoseOutputAReadCommittedConsumerSees(@TempDir Path stateDir)
            throws Exception {
        kafka.createTopic("eos-input", 2, Map.of());
        kafka.createTopic("eos-output", 2, Map.of());

        KafkaStreams streams = new KafkaStreams(upperCaseCopy("eos-input", "eos-output"),
                exactlyOnceConfig("eos-copy", stateDir));
        try {
            streams.start();
            awaitRunning(streams, Duration.ofSeconds(30));

            KafkaTestClients.sendAcknowledged(kafka, "eos-input", Map.of("a", "one", "b", "two", "c", "three"));

            List<ConsumerRecord<String, String>> output = KafkaTestClients.readFromBeginning(
                    kafka, "eos-output", 3, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30));
            assertThat(output).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("ONE", "TWO", "THREE");
            // Commit markers take offsets too: more offsets than records proves the output was written in
            // transactions, not silently at-least-once.
            assertThat(KafkaTestClients.endOffsetTotal(kafka, "eos-output")).isGreaterThan(3);
        } finally {
            // Bounded: a stream thread stuck in a transaction would otherwise hold close() for minutes.
            streams.close(Duration.ofSeconds(10));
        }
    }

    private static Topology upperCaseCopy(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()).withName("read-input"))
                .mapValues(value -> value.toUpperCase(Locale.ROOT), Named.as("upper-case"))
                .to(output, Produced.with(Serdes.String(), Serdes.String()).withName("write-output"));
        return builder.build();
    }

    private static Properties exactlyOnceConfig(String applicationId, Path stateDir) {
        Properties config = new Properties();
        config.putAll(kafka.clientConfig());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return config;
    }

    private static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
}
