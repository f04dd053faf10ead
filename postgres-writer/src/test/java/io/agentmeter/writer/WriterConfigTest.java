package io.agentmeter.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.schema.kafka.TopicReplication;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriterConfigTest {

    @Test
    void shouldReadDefaultsAndOverrides() {
        WriterConfig config = WriterConfig.from(Map.of(
                "AGENTMETER_KAFKA_BOOTSTRAP", "localhost:9092",
                "AGENTMETER_DB_URL", "jdbc:postgresql://localhost/agentmeter",
                "AGENTMETER_SINK_MAX_WAIT", "50ms"));

        assertThat(config.maxWait()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.groupId()).as("the group the sink had inside the aggregator, so offsets carry over")
                .isEqualTo("agentmeter-aggregator-sink");
        assertThat(config.threads()).isEqualTo(2);
        assertThat(config.batchSize()).isEqualTo(5000);
        assertThat(config.httpPort()).isEqualTo(8083);
        assertThat(config.partitionsAhead()).isEqualTo(12);
        assertThat(config.retention()).as("keep everything").isEmpty();
        assertThat(config.topics().replication()).isEqualTo(TopicReplication.of((short) 1));
    }

    @Test
    void shouldReadTheRetentionThePartitionsAheadAndTheTopicLayout() {
        WriterConfig config = WriterConfig.from(Map.of(
                "AGENTMETER_KAFKA_BOOTSTRAP", "localhost:9092",
                "AGENTMETER_DB_URL", "jdbc:postgresql://localhost/agentmeter",
                "AGENTMETER_RETENTION", "400d",
                "AGENTMETER_PARTITIONS_AHEAD", "24",
                "AGENTMETER_TOPIC_REPLICATION", "3",
                "AGENTMETER_TOPIC_MIN_INSYNC_REPLICAS", "2"));

        assertThat(config.retention()).contains(Duration.ofDays(400));
        assertThat(config.partitionsAhead()).isEqualTo(24);
        assertThat(config.topics().replication()).isEqualTo(new TopicReplication((short) 3, Optional.of(2)));
    }

    @Test
    void shouldRejectARetentionShorterThanAMonth() {
        assertThatThrownBy(() -> WriterConfig.from(Map.of(
                "AGENTMETER_KAFKA_BOOTSTRAP", "localhost:9092",
                "AGENTMETER_DB_URL", "jdbc:postgresql://localhost/agentmeter",
                "AGENTMETER_RETENTION", "13m")))
                .hasMessageContaining("AGENTMETER_RETENTION must be at least 31d (it drops whole months), got 13m");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        assertThatThrownBy(() -> WriterConfig.from(Map.of(
                "AGENTMETER_SINK_THREADS", "many",
                "AGENTMETER_SINK_MAX_WAIT", "soon")))
                .hasMessageContaining("invalid writer configuration")
                .hasMessageContaining("AGENTMETER_KAFKA_BOOTSTRAP is required")
                .hasMessageContaining("AGENTMETER_DB_URL is required")
                .hasMessageContaining("AGENTMETER_SINK_THREADS")
                .hasMessageContaining("AGENTMETER_SINK_MAX_WAIT");
    }
}
