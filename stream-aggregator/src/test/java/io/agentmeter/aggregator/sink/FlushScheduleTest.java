package io.agentmeter.aggregator.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.aggregator.sink.FlushSchedule.Due;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlushScheduleTest {

    private final FlushSchedule schedule = new FlushSchedule(100, Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void shouldWriteTurnsAloneOnceTheyHaveWaitedMaxWaitWhileTheRollupsWaitLonger() {
        schedule.rollupRead(1_000);
        schedule.turnRead(1_000);

        assertThat(schedule.due(1, 1, 1_199)).isEqualTo(Due.NOTHING);
        assertThat(schedule.due(1, 1, 1_200)).isEqualTo(Due.TURNS);
        schedule.turnsWritten();
        assertThat(schedule.due(0, 1, 1_999)).isEqualTo(Due.NOTHING);
        assertThat(schedule.due(0, 1, 2_000)).isEqualTo(Due.EVERYTHING);
    }

    @Test
    void shouldWriteTurnsAloneWhenAFullBatchIsPending() {
        schedule.rollupRead(1_000);
        schedule.turnRead(1_000);

        assertThat(schedule.due(100, 1, 1_001)).isEqualTo(Due.TURNS);
    }

    @Test
    void shouldWriteEverythingWhenABatchOfRollupKeysIsPending() {
        schedule.rollupRead(1_000);

        assertThat(schedule.due(0, 100, 1_001)).isEqualTo(Due.EVERYTHING);
    }

    @Test
    void shouldLetRollupsWaitNoLessThanTurns() {
        FlushSchedule eager = new FlushSchedule(100, Duration.ofMillis(200), Duration.ZERO);
        eager.rollupRead(1_000);
        eager.turnRead(1_000);

        assertThat(eager.due(1, 1, 1_100)).isEqualTo(Due.NOTHING);
        assertThat(eager.due(1, 1, 1_200)).isEqualTo(Due.EVERYTHING);
    }

    @Test
    void shouldPollUntilTheEarliestDeadline() {
        assertThat(schedule.millisUntilDue(1_000, 200)).as("nothing pending").isEqualTo(200);
        schedule.rollupRead(1_000);
        assertThat(schedule.millisUntilDue(1_300, 200)).isEqualTo(700);
        schedule.turnRead(1_300);
        assertThat(schedule.millisUntilDue(1_400, 200)).isEqualTo(100);
        assertThat(schedule.millisUntilDue(2_500, 200)).as("overdue").isZero();
    }

    @Test
    void shouldForgetWhatWasDroppedOnReset() {
        schedule.rollupRead(1_000);
        schedule.turnRead(1_000);
        schedule.reset();

        assertThat(schedule.due(0, 0, 5_000)).isEqualTo(Due.NOTHING);
        schedule.turnRead(5_000);
        assertThat(schedule.due(1, 0, 5_199)).as("the wait starts at the first record after the reset")
                .isEqualTo(Due.NOTHING);
    }
}
