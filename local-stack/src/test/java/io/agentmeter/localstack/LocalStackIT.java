package io.agentmeter.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackIT {

    @Test
    void shouldFindTopicsRecordsAndTablesAgainWhenStartedOverTheSameDataDirectory(@TempDir Path dataDirectory)
            throws Exception {
        try (LocalStack stack = LocalStack.builder().dataDirectory(dataDirectory).start()) {
            stack.kafka().createTopic("usage-events", 2, Map.of("retention.ms", "-1"));
            KafkaTestClients.sendAcknowledged(stack.kafka(), "usage-events", Map.of("turn-1", "{\"tokens\":42}"));
            stack.postgres().createDatabase("agentmeter");
            try (Connection connection = stack.postgres().dataSource("agentmeter").getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE usage_rollup (tenant text PRIMARY KEY, tokens bigint NOT NULL)");
                statement.execute("INSERT INTO usage_rollup VALUES ('acme', 42)");
            }
        }
        assertThat(dataDirectory.resolve("kafka").resolve("meta.properties")).exists();
        assertThat(dataDirectory.resolve("postgres").resolve("PG_VERSION")).exists();

        try (LocalStack stack = LocalStack.builder().dataDirectory(dataDirectory).start()) {
            try (Admin admin = Admin.create(stack.kafka().clientConfig())) {
                assertThat(admin.describeTopics(Set.of("usage-events")).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get("usage-events").partitions()).hasSize(2);
            }
            List<ConsumerRecord<String, String>> records = KafkaTestClients.readFromBeginning(
                    stack.kafka(), "usage-events", 1, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(15));
            assertThat(records).extracting(ConsumerRecord::key).containsExactly("turn-1");

            try (Connection connection = stack.postgres().dataSource("agentmeter").getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(LocalPostgresIT.queryStrings(statement, "SELECT tenant || '=' || tokens FROM usage_rollup"))
                        .containsExactly("acme=42");
            }
        }
        assertThat(Files.exists(dataDirectory.resolve("kafka"))).as("a persistent stack keeps its data").isTrue();
    }

    @Test
    void shouldDeleteAnEphemeralStacksData() {
        Path kafkaDirectory;
        Path postgresDirectory;
        try (LocalStack stack = LocalStack.builder().start()) {
            assertThat(stack.dataDirectory()).isNull();
            kafkaDirectory = stack.kafka().logDirectory();
            postgresDirectory = stack.postgres().dataDirectory();
            assertThat(kafkaDirectory).exists();
            assertThat(postgresDirectory).exists();
        }
        assertThat(Files.exists(kafkaDirectory)).isFalse();
        assertThat(Files.exists(postgresDirectory)).isFalse();
    }
}
