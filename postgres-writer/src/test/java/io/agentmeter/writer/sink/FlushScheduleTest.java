package io.agentmeter.writer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlushScheduleTest {

    private final FlushSchedule schedule = new FlushSchedule(100, Duration.ofMillis(200));

    @Test
    void shouldWriteOnceTheFirstRecordHasWaitedMaxWait() {
        schedule.read(1_000);
        schedule.read(1_100);

        assertThat(schedule.due(2, 1_199)).isFalse();
        assertThat(schedule.due(2, 1_200)).isTrue();
    }

    @Test
    void shouldWriteWhenAFullBatchIsPending() {
        schedule.read(1_000);

        assertThat(schedule.due(99, 1_001)).isFalse();
        assertThat(schedule.due(100, 1_001)).isTrue();
    }

    @Test
    void shouldPollUntilTheDeadline() {
        assertThat(schedule.millisUntilDue(1_000, 500)).as("nothing pending").isEqualTo(500);
        schedule.read(1_000);
        assertThat(schedule.millisUntilDue(1_150, 500)).isEqualTo(50);
        assertThat(schedule.millisUntilDue(2_500, 500)).as("overdue").isZero();
    }

    @Test
    void shouldForgetWhatWasDroppedOnReset() {
        schedule.read(1_000);
        schedule.reset();

        assertThat(schedule.due(0, 5_000)).isFalse();
        schedule.read(5_000);
        assertThat(schedule.due(1, 5_199)).as("the wait starts at the first record after the reset").isFalse();
    }
}
