package io.agentmeter.schema.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettledWindowTest {

    private static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    @Test
    void shouldTakeAWindowAsSettledTwoDaysAfterItsEnd() {
        assertThat(SettledWindow.isSettled(NOW.minus(Duration.ofDays(2)).minusMillis(1), NOW)).isTrue();
        assertThat(SettledWindow.isSettled(NOW.minus(Duration.ofDays(2)), NOW)).isFalse();
    }

    @Test
    void shouldMarkEveryWriteIntoAWindowThatAReaderUpToTheClockMarginAheadTakesAsSettled() {
        Instant readerNow = NOW.plus(SettledWindow.CLOCK_MARGIN);
        Instant lastSettledEnd = SettledWindow.settledBefore(readerNow).minusMillis(1);
        assertThat(SettledWindow.isSettled(lastSettledEnd, readerNow)).isTrue();
        assertThat(SettledWindow.mayChangeSettled(lastSettledEnd, NOW)).as("a rollup of that window").isTrue();
        assertThat(SettledWindow.mayChangeSettled(lastSettledEnd.minusSeconds(30), NOW)).as("a turn in it").isTrue();
    }

    @Test
    void shouldLeaveLiveWritesUnmarked() {
        assertThat(SettledWindow.mayChangeSettled(NOW.minus(Duration.ofDays(1)), NOW)).isFalse();
        assertThat(SettledWindow.mayChangeSettled(SettledWindow.settledBefore(NOW).plus(SettledWindow.CLOCK_MARGIN)
                .plusMillis(1), NOW)).isFalse();
    }
}
