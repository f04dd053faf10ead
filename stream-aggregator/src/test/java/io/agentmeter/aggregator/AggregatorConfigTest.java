package io.agentmeter.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.schema.kafka.TopicReplication;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AggregatorConfigTest {

    @Test
    void shouldReadDefaultsAndOverrides() {
        AggregatorConfig config = AggregatorConfig.from(Map.of(
                "AGENTMETER_KAFKA_BOOTSTRAP", "localhost:9092",
                "AGENTMETER_GRACE_1M", "90s",
                "AGENTMETER_DEDUPE_HORIZON", "P3D"));

        assertThat(config.applicationId()).isEqualTo("agentmeter-aggregator");
        assertThat(config.topology().graceOf(WindowSize.ONE_MINUTE)).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.topology().graceOf(WindowSize.ONE_DAY)).isEqualTo(Duration.ofHours(1));
        assertThat(config.topology().dedupeHorizon()).isEqualTo(Duration.ofDays(3));
        assertThat(config.httpPort()).isEqualTo(8081);
    }

    @Test
    void shouldNeedNoDatabase() {
        assertThat(AggregatorConfig.from(Map.of("AGENTMETER_KAFKA_BOOTSTRAP", "localhost:9092"))).isNotNull();
    }

    @Test
    void shouldGiveTheTopicsTheirReplication() {
        AggregatorConfig single = AggregatorConfig.from(Map.of(
                "AGENTMETER_KAFKA_BOOTSTRAP", "localhost:9092"));
        AggregatorConfig cluster = AggregatorConfig.from(Map.of(
                "AGENTMETER_KAFKA_BOOTSTRAP", "a:9092,b:9092,c:9092",
                "AGENTMETER_TOPIC_REPLICATION", "3",
                "AGENTMETER_TOPIC_MIN_INSYNC_REPLICAS", "2",
                "AGENTMETER_TRANSACTION_TIMEOUT", "30s"));

        assertThat(single.topicReplication()).isEqualTo(TopicReplication.of((short) 1));
        assertThat(Aggregator.streamsConfig(single)).containsEntry("replication.factor", 1)
                .doesNotContainKey("topic.min.insync.replicas");
        assertThat(Aggregator.streamsConfig(single)).containsEntry("producer.transaction.timeout.ms", 10_000);
        assertThat(cluster.topicReplication()).isEqualTo(new TopicReplication((short) 3, Optional.of(2)));
        assertThat(Aggregator.streamsConfig(cluster)).containsEntry("replication.factor", 3)
                .containsEntry("topic.min.insync.replicas", "2")
                .containsEntry("producer.transaction.timeout.ms", 30_000);
        assertThatThrownBy(() -> AggregatorConfig.from(Map.of(
                "AGENTMETER_KAFKA_BOOTSTRAP", "localhost:9092",
                "AGENTMETER_TOPIC_REPLICATION", "2",
                "AGENTMETER_TOPIC_MIN_INSYNC_REPLICAS", "3")))
                .hasMessageContaining("AGENTMETER_TOPIC_MIN_INSYNC_REPLICAS must be between 1 and 2, got 3");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        assertThatThrownBy(() -> AggregatorConfig.from(Map.of(
                "AGENTMETER_STREAM_THREADS", "many",
                "AGENTMETER_GRACE_1H", "soon",
                "AGENTMETER_DEDUPE_HORIZON", "10s")))
                .hasMessageContaining("invalid aggregator configuration")
                .hasMessageContaining("AGENTMETER_KAFKA_BOOTSTRAP is required")
                .hasMessageContaining("AGENTMETER_STREAM_THREADS")
                .hasMessageContaining("AGENTMETER_GRACE_1H")
                .hasMessageContaining("dedupe horizon");
    }
}
