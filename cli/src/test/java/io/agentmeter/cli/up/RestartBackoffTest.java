package io.agentmeter.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private static final Duration SHORT_RUN = Duration.ofSeconds(2);

    private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    @Test
    void shouldDoubleTheDelayOfEachQuickCrashUpToTheMaximum() {
        assertThat(backoff.nextDelay(SHORT_RUN)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.nextDelay(SHORT_RUN)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.nextDelay(SHORT_RUN)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.nextDelay(SHORT_RUN)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.nextDelay(SHORT_RUN)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.nextDelay(SHORT_RUN)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.nextDelay(SHORT_RUN)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.restarts()).isEqualTo(7);
    }

    @Test
    void shouldStartOverAfterARunThatLastedLongEnoughButKeepCountingRestarts() {
        backoff.nextDelay(SHORT_RUN);
        backoff.nextDelay(SHORT_RUN);
        assertThat(backoff.nextDelay(SHORT_RUN)).isEqualTo(Duration.ofSeconds(4));

        assertThat(backoff.nextDelay(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.nextDelay(Duration.ofSeconds(59))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.restarts()).isEqualTo(5);
    }

    @Test
    void shouldWaitTheFirstDelayBeforeTheFirstRestartHoweverShortTheRun() {
        assertThat(backoff.restarts()).isZero();
        assertThat(backoff.nextDelay(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseAZeroFirstDelay() {
        assertThatThrownBy(() -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
