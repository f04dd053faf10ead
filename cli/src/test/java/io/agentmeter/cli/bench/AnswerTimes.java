package io.agentmeter.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Answer times in ms, recorded by many threads and drained, sorted, once a sample. */
final class AnswerTimes {

    private final List<Long> millis = new ArrayList<>();

    /** Records the time since {@code startedNanos} ({@link System#nanoTime()}). */
    synchronized void since(long startedNanos) {
        millis.add((System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** The times recorded since the last drain, sorted. */
    synchronized long[] drainSorted() {
        long[] times = millis.stream().mapToLong(Long::longValue).toArray();
        millis.clear();
        Arrays.sort(times);
        return times;
    }
}
