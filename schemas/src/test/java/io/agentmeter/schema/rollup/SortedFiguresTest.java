package io.agentmeter.schema.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SortedFiguresTest {

    @Test
    void shouldCopyAMapItDoesNotKnowAndKeepItSorted() {
        Map<String, Long> source = new HashMap<>(Map.of("output", 2L, "input", 1L));
        SortedFigures<Long> figures = SortedFigures.of(source);
        source.put("zzz", 3L);

        assertThat(figures.keySet()).containsExactly("input", "output");
        assertThat(figures).isEqualTo(Map.of("input", 1L, "output", 2L));
        assertThatThrownBy(() -> figures.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldTakeItsOwnKindAsItIs() {
        SortedFigures<Long> figures = SortedFigures.adopt(new TreeMap<>(Map.of("a", 1L)));

        assertThat(SortedFigures.of(figures)).isSameAs(figures);
        assertThat(figures.with("b", 2L)).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
        assertThat(figures).containsOnlyKeys("a");
    }

    @Test
    void shouldAddAnotherMapsEntriesIntoACopy() {
        SortedFigures<Long> figures = SortedFigures.adopt(new TreeMap<>(Map.of("a", 1L, "c", 3L)));

        assertThat(figures.plus(Map.of("c", 4L, "b", 2L), Long::sum))
                .containsExactly(Map.entry("a", 1L), Map.entry("b", 2L), Map.entry("c", 7L));
        assertThat(figures).containsExactly(Map.entry("a", 1L), Map.entry("c", 3L));
        assertThat(figures.plus(Map.of(), Long::sum)).isSameAs(figures);
    }

    @Test
    void shouldGiveEveryRollupMapUnmodifiableAndSorted() {
        Rollup rollup = new Rollup(0, 0, null, null, null, null, null, null, null, null, 0, 0, 0,
                new HashMap<>(Map.of("output", java.math.BigDecimal.ONE, "input", java.math.BigDecimal.TEN)),
                null, null, null, 0, null, null, null, 0);

        assertThat(rollup.costBreakdown().keySet()).containsExactly("input", "output");
        assertThatThrownBy(() -> rollup.costBreakdown().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
