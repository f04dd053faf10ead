package io.agentmeter.query.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WindowPlanTest {

    private static final Instant DAY = Instant.parse("2026-03-27T00:00:00Z");
    private static final List<String> KEY = List.of("alpha", "openai", "gpt-5");

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
    void shouldReadTheKeyOfALateTurnThroughItsHoursMinutesAndTurnsOnly() {
        Instant late = Instant.parse("2026-03-27T10:17:00Z");
        WindowPlan plan = WindowPlan.of(DAY, DAY.plusSeconds(2 * 86_400), WindowSize.ONE_DAY);
        WindowPlan.Corrections c = plan.corrections(Map.of(KEY, new TreeSet<>(List.of(late))));
        assertThat(plan.windows(WindowSize.ONE_DAY)).containsExactly(new Range(DAY, DAY.plusSeconds(2 * 86_400)));
        assertThat(c.excluded().get(WindowSize.ONE_DAY)).containsExactly(new WindowPlan.KeyedWindow(DAY, KEY));
        assertThat(c.keyed().get(WindowSize.ONE_HOUR)).containsExactly(
                keyed(DAY, Instant.parse("2026-03-27T10:00:00Z")),
                keyed(Instant.parse("2026-03-27T11:00:00Z"), DAY.plusSeconds(86_400)));
        assertThat(c.keyed().get(WindowSize.ONE_MINUTE)).containsExactly(
                keyed(Instant.parse("2026-03-27T10:00:00Z"), late),
                keyed(late.plusSeconds(60), Instant.parse("2026-03-27T11:00:00Z")));
        assertThat(c.turns()).containsExactly(keyed(late, late.plusSeconds(60)));
    }

    @Test
    void shouldNeverUseALargerWindowThanAllowed() {
        WindowPlan plan = WindowPlan.of(DAY, DAY.plusSeconds(3 * 86_400), WindowSize.ONE_HOUR);
        assertThat(plan.windows(WindowSize.ONE_DAY)).isEmpty();
        assertThat(plan.windows(WindowSize.ONE_HOUR)).containsExactly(new Range(DAY, DAY.plusSeconds(3 * 86_400)));
    }

    @Test
    void shouldReadEveryInstantOfEveryKeyOnceAndNeverALateTurnsRow() {
        Random random = new Random(3);
        List<List<String>> keys = List.of(List.of("a"), List.of("b"), List.of("c"));
        for (int run = 0; run < 200; run++) {
            Instant from = DAY.plusMillis(random.nextInt(3 * 86_400_000));
            Instant to = from.plusMillis(1 + random.nextInt(4 * 86_400_000));
            Map<List<String>, NavigableSet<Instant>> dirty = new HashMap<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                Instant at = from.plusMillis((long) (random.nextDouble() * (to.toEpochMilli() - from.toEpochMilli())));
                dirty.computeIfAbsent(keys.get(random.nextInt(2)), k -> new TreeSet<>())
                        .add(WindowSize.ONE_MINUTE.windowStart(at));
            }
            WindowSize largest = WindowSize.values()[random.nextInt(3)];
            WindowPlan plan = WindowPlan.of(from, to, largest);
            WindowPlan.Corrections c = plan.corrections(dirty);
            for (int probe = 0; probe < 300; probe++) {
                Instant t = from.plusMillis((long) (random.nextDouble() * (to.toEpochMilli() - from.toEpochMilli())));
                for (List<String> key : keys) {
                    int reads = 0;
                    boolean dirtyHere = dirty.getOrDefault(key, new TreeSet<>())
                            .contains(WindowSize.ONE_MINUTE.windowStart(t));
                    for (WindowSize size : WindowSize.values()) {
                        Instant window = size.windowStart(t);
                        for (Range r : plan.windows(size)) {
                            if (contains(r, t) && !c.excluded().get(size).contains(
                                    new WindowPlan.KeyedWindow(window, key))) {
                                reads++;
                                assertThat(dirtyHere).as("a rollup row holding a late turn was read").isFalse();
                                assertThat(size.compareTo(largest)).isLessThanOrEqualTo(0);
                            }
                        }
                        for (WindowPlan.KeyedRange r : c.keyed().get(size)) {
                            if (r.key().equals(key) && contains(r.range(), t)) {
                                reads++;
                                assertThat(dirtyHere).as("a keyed rollup row holding a late turn was read").isFalse();
                            }
                        }
                    }
                    for (Range r : plan.turns()) {
                        reads += contains(r, t) ? 1 : 0;
                    }
                    for (WindowPlan.KeyedRange r : c.turns()) {
                        reads += r.key().equals(key) && contains(r.range(), t) ? 1 : 0;
                    }
                    assertThat(reads).as("reads of %s at %s", key, t).isEqualTo(1);
                }
            }
        }
    }

    private static boolean contains(Range r, Instant t) {
        return !t.isBefore(r.from()) && t.isBefore(r.to());
    }

    private static WindowPlan.KeyedRange keyed(Instant from, Instant to) {
        return new WindowPlan.KeyedRange(new Range(from, to), KEY);
    }
}
