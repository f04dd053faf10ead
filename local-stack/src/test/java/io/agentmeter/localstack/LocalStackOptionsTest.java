package io.agentmeter.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackOptionsTest {

    @Test
    void shouldUseTheDocumentedDefaults() {
        LocalStackOptions options = LocalStackOptions.parse();

        assertThat(options.dataDirectory()).isEqualTo(Path.of(".agentmeter/data"));
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.postgresPort()).isEqualTo(54329);
        assertThat(options.envFile()).isEmpty();
        assertThat(options.help()).isFalse();
    }

    @Test
    void shouldReadEveryOption() {
        LocalStackOptions options = LocalStackOptions.parse(
                "--data-dir", "/var/agentmeter", "--kafka-port", "19092", "--pg-port", "0", "--env-file", "a.env");

        assertThat(options.dataDirectory()).isEqualTo(Path.of("/var/agentmeter"));
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.postgresPort()).isZero();
        assertThat(options.envFile()).contains(Path.of("a.env"));
    }

    @Test
    void shouldAskForHelp() {
        assertThat(LocalStackOptions.parse("--help").help()).isTrue();
    }

    @Test
    void shouldRejectUnknownOptionsMissingValuesAndBadPorts() {
        assertThatThrownBy(() -> LocalStackOptions.parse("--port", "1")).hasMessageContaining("Unknown option: --port");
        assertThatThrownBy(() -> LocalStackOptions.parse("--data-dir")).hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> LocalStackOptions.parse("--env-file", "--kafka-port"))
                .hasMessageContaining("--env-file needs a value");
        assertThatThrownBy(() -> LocalStackOptions.parse("--kafka-port", "70000")).hasMessageContaining("0-65535");
        assertThatThrownBy(() -> LocalStackOptions.parse("--pg-port", "five")).hasMessageContaining("five");
    }
}
