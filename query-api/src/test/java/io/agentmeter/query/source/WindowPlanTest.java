package io.agentmeter.query.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlanTest {

    private static final Instant DAY = Instant.parse("2026-03-27T00:00:00Z");

    @Test
    void shouldUseWholeDaysInsideAndFinerWindowsAtTheEdges() {
        Instant from = Instant.parse("2026-03-26T22:30:15.500Z");
        Instant to = Instant.parse("2026-03-29T01:02:30Z");
        WindowPlan plan = WindowPlan.of(from, to, WindowSize.ONE_DAY);
        assertThat(plan.windows(WindowSize.ONE_DAY)).containsExactly(
                new Range(DAY, Instant.parse("2026-03-29T00:00:00Z")));
        assertThat(plan.windows(WindowSize.ONE_HOUR)).containsExactly(
                new Range(Instant.parse("2026-03-26T23:00:00Z"), DAY),
                new Range(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T01:00:00Z")));
        assertThat(plan.windows(WindowSize.ONE_MINUTE)).containsExactly(
                new Range(Instant.parse("2026-03-26T22:31:00Z"), Instant.parse("2026-03-26T23:00:00Z")),
                new Range(Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T01:02:00Z")));
        assertThat(plan.turns()).containsExactly(
                new Range(from, Instant.parse("2026-03-26T22:31:00Z")),
                new Range(Instant.parse("2026-03-29T01:02:00Z"), to));
    }

    @Test
    void shouldNeverUseALargerWindowThanAllowed() {
        WindowPlan plan = WindowPlan.of(DAY, DAY.plusSeconds(3 * 86_400), WindowSize.ONE_HOUR);
        assertThat(plan.windows(WindowSize.ONE_DAY)).isEmpty();
        assertThat(plan.windows(WindowSize.ONE_HOUR)).containsExactly(new Range(DAY, DAY.plusSeconds(3 * 86_400)));
    }

}
