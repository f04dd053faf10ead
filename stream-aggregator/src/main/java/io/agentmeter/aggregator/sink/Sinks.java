package io.agentmeter.aggregator.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sinks of one aggregator, each on its own thread with its own consumer group and connection: one for the
 * priced turns, one for the rollups. Apart, a batch of turns never waits while a second's session upserts are
 * written, which is what held the slowest turns back when one transaction carried both (docs/aggregator.md#sink).
 * Seen from outside (readiness, liveness, shutdown) they are one.
 */
public final class Sinks implements AutoCloseable {

    private final List<PostgresSink> sinks;
    private final List<Thread> threads = new ArrayList<>();

    public Sinks(List<PostgresSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public void start(String threadName) {
        for (int i = 0; i < sinks.size(); i++) {
            Thread thread = new Thread(sinks.get(i), threadName + (sinks.size() == 1 ? "" : "-" + (i + 1)));
            threads.add(thread);
            thread.start();
        }
    }

    /** The state that matters most: RETRYING over STOPPED over STARTING over RUNNING. */
    public PostgresSink.State state() {
        PostgresSink.State worst = PostgresSink.State.RUNNING;
        for (PostgresSink sink : sinks) {
            worst = rank(sink.state()) > rank(worst) ? sink.state() : worst;
        }
        return worst;
    }

    private static int rank(PostgresSink.State state) {
        return switch (state) {
            case RUNNING -> 0;
            case STARTING -> 1;
            case STOPPED -> 2;
            case RETRYING -> 3;
        };
    }

    /** The first sink's last write error, null while none fails. */
    public String lastError() {
        for (PostgresSink sink : sinks) {
            if (sink.lastError() != null) {
                return sink.lastError();
            }
        }
        return null;
    }

    /** Every sink thread still runs (once started). */
    public boolean alive() {
        return threads.stream().allMatch(Thread::isAlive);
    }

    /** Stops every sink at once and waits for them together (one shutdown wait, not one per sink). */
    @Override
    public void close() {
        sinks.forEach(PostgresSink::stop);
        sinks.forEach(sink -> sink.awaitStopped(Duration.ofSeconds(30)));
    }
}
