package io.agentmeter.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionSettingsTest {

    private final ConnectionSettings settings = new ConnectionSettings(
            "127.0.0.1:9092", "jdbc:postgresql://localhost:54329/agentmeter", "postgres", "secret");

    @Test
    void shouldWriteOneKeyValueLinePerSettingInAFixedOrder() {
        assertThat(settings.asEnvFile().lines()).containsExactly(
                "AGENTMETER_KAFKA_BOOTSTRAP=127.0.0.1:9092",
                "AGENTMETER_DB_URL=jdbc:postgresql://localhost:54329/agentmeter",
                "AGENTMETER_DB_USER=postgres",
                "AGENTMETER_DB_PASSWORD=secret");
    }

    @Test
    void shouldShowEverySettingInTheReadableText() {
        assertThat(settings.asText()).contains("127.0.0.1:9092", "jdbc:postgresql://localhost:54329/agentmeter",
                "postgres", "secret");
    }
}
