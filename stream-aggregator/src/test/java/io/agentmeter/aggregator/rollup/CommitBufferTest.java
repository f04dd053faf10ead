package io.agentmeter.aggregator.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommitBufferTest {

    CommitBuffer<String, Integer> buffer;
    List<Map<String, Integer>> commits;

    @BeforeEach
    void setUp() {
        buffer = CommitBuffer.<String, Integer>builder("b").build();
        commits = new ArrayList<>();
        buffer.onCommit(entries -> commits.add(new LinkedHashMap<>(entries)));
    }

    void add(String key, int value) {
        buffer.update(key, sum -> sum == null ? value : sum + value);
    }

    @Test
    void shouldHandOverEachCommitsSumsOnceInTheOrderTheKeysCameAndStartAgain() {
        add("b", 1);
        add("a", 2);
        add("b", 3);
        buffer.flushCache();
        buffer.flushCache(); // nothing new: not handed over
        add("a", 5);
        buffer.flushCache();

        assertThat(commits).hasSize(2);
        assertThat(commits.get(0)).containsExactly(Map.entry("b", 4), Map.entry("a", 2));
        assertThat(commits.get(1)).containsExactly(Map.entry("a", 5));
    }

    @Test
    void shouldDropWhatIsClearedWithTheCaches() {
        add("a", 1);
        buffer.clearCache(); // Kafka Streams clears a task's caches when it recycles the task
        add("a", 7);
        buffer.flushCache();
        assertThat(commits).containsExactly(Map.of("a", 7));
    }

    @Test
    void shouldBeEmptyAfterAFailedHandOver() {
        buffer.onCommit(entries -> {
            throw new IllegalStateException("producer fenced");
        });
        add("a", 1);
        assertThatThrownBy(buffer::flushCache).hasMessage("producer fenced");

        buffer.onCommit(entries -> commits.add(new LinkedHashMap<>(entries)));
        add("a", 2);
        buffer.flushCache();
        assertThat(commits).containsExactly(Map.of("a", 2));
    }

    @Test
    void shouldRefuseToBeLogged() {
        assertThatThrownBy(() -> CommitBuffer.<String, Integer>builder("b").withLoggingEnabled(Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(CommitBuffer.builder("b").loggingEnabled()).isFalse();
        assertThat(buffer.persistent()).isFalse();
    }
}
