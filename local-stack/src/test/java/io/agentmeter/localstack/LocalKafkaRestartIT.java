package io.agentmeter.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKafkaRestartIT {

    @Test
    void shouldKeepAcknowledgedRecordsAndTheAddressAcrossStopAndRestart() throws Exception {
        try (LocalKafka kafka = LocalKafka.startEphemeral()) {
            String address = kafka.bootstrapServers();
            kafka.createTopic("ledger", 2, Map.of());
            KafkaTestClients.sendAcknowledged(kafka, "ledger", Map.of("before-stop", "1"));

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(clusterReachable(kafka)).isFalse();

            long restartedAt = System.nanoTime();
            kafka.restart();
            System.out.printf("LocalKafka restarted in %d ms%n", (System.nanoTime() - restartedAt) / 1_000_000);

            assertThat(kafka.bootstrapServers()).isEqualTo(address);
            assertThat(clusterReachable(kafka)).isTrue();
            KafkaTestClients.sendAcknowledged(kafka, "ledger", Map.of("after-restart", "2"));
            List<ConsumerRecord<String, String>> records = KafkaTestClients.readFromBeginning(
                    kafka, "ledger", 2, IsolationLevel.READ_COMMITTED, Duration.ofSeconds(15));
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("before-stop", "after-restart");
        }
    }

    @Test
    void shouldDeleteAnEphemeralBrokersDataOnCloseAndTolerateASecondClose() {
        LocalKafka kafka = LocalKafka.startEphemeral();
        Path logDirectory = kafka.logDirectory();
        assertThat(logDirectory.resolve("meta.properties")).exists();

        kafka.close();
        kafka.close();

        assertThat(Files.exists(logDirectory)).isFalse();
        assertThat(kafka.isRunning()).isFalse();
        assertThatThrownBy(kafka::restart).isInstanceOf(IllegalStateException.class);
    }

    private static boolean clusterReachable(LocalKafka kafka) throws InterruptedException {
        Map<String, Object> config = kafka.clientConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                    .nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
