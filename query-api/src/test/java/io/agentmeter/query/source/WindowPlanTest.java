package io.agentmeter.query.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WindowPlanTest {

    private static final Instant DAY = Instant.parse("2026-03-27T00:00:00Z");

    @Test
    void shouldUseWholeDaysInsideAndFinerWindowsAtTheEdges() {
        Instant from = Instant.parse("2026-03-26T22:30:15.500Z");
        Instant to = Instant.parse("2026-03-29T01:02:30Z");
        WindowPlan plan = WindowPlan.of(from, to, WindowSize.ONE_DAY, new TreeSet<>());
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
    void shouldReadAMinuteWithALateTurnFromTheTurnsAndSplitItsHourAndDay() {
        Instant late = Instant.parse("2026-03-27T10:17:00Z");
        WindowPlan plan = WindowPlan.of(DAY, DAY.plusSeconds(2 * 86_400), WindowSize.ONE_DAY, set(late));
        assertThat(plan.windows(WindowSize.ONE_DAY)).containsExactly(
                new Range(DAY.plusSeconds(86_400), DAY.plusSeconds(2 * 86_400)));
        assertThat(plan.windows(WindowSize.ONE_HOUR)).containsExactly(
                new Range(DAY, Instant.parse("2026-03-27T10:00:00Z")),
                new Range(Instant.parse("2026-03-27T11:00:00Z"), DAY.plusSeconds(86_400)));
        assertThat(plan.windows(WindowSize.ONE_MINUTE)).containsExactly(
                new Range(Instant.parse("2026-03-27T10:00:00Z"), late),
                new Range(late.plusSeconds(60), Instant.parse("2026-03-27T11:00:00Z")));
        assertThat(plan.turns()).containsExactly(new Range(late, late.plusSeconds(60)));
    }

    @Test
    void shouldNeverUseALargerWindowThanAllowed() {
        WindowPlan plan = WindowPlan.of(DAY, DAY.plusSeconds(3 * 86_400), WindowSize.ONE_HOUR, new TreeSet<>());
        assertThat(plan.windows(WindowSize.ONE_DAY)).isEmpty();
        assertThat(plan.windows(WindowSize.ONE_HOUR)).containsExactly(new Range(DAY, DAY.plusSeconds(3 * 86_400)));
    }

    @Test
    void shouldCoverEveryInstantOnceAndKeepLateMinutesOutOfEveryRollup() {
        Random random = new Random(3);
        for (int run = 0; run < 300; run++) {
            Instant from = DAY.plusMillis(random.nextInt(3 * 86_400_000));
            Instant to = from.plusMillis(1 + random.nextInt(4 * 86_400_000));
            NavigableSet<Instant> dirty = new TreeSet<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                dirty.add(WindowSize.ONE_MINUTE.windowStart(from.plusMillis(
                        (long) (random.nextDouble() * (to.toEpochMilli() - from.toEpochMilli())))));
            }
            WindowSize largest = WindowSize.values()[random.nextInt(3)];
            WindowPlan plan = WindowPlan.of(from, to, largest, dirty);
            List<Range> all = new ArrayList<>(plan.turns());
            for (WindowSize size : WindowSize.values()) {
                for (Range r : plan.windows(size)) {
                    assertThat(size.compareTo(largest)).isLessThanOrEqualTo(0);
                    assertThat(r.from().toEpochMilli() % size.size().toMillis()).isZero();
                    assertThat(r.to().toEpochMilli() % size.size().toMillis()).isZero();
                    for (Instant minute : dirty) {
                        assertThat(!minute.isBefore(r.from()) && minute.isBefore(r.to()))
                                .as("late minute %s in a %s rollup range %s", minute, size, r).isFalse();
                    }
                    all.add(r);
                }
            }
            all.sort(Comparator.comparing(Range::from));
            assertThat(all.get(0).from()).isEqualTo(from);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).from()).isEqualTo(all.get(i - 1).to());
            }
            assertThat(all.get(all.size() - 1).to()).isEqualTo(to);
        }
    }

    private static NavigableSet<Instant> set(Instant... minutes) {
        return new TreeSet<>(List.of(minutes));
    }
}
