package io.agentmeter.writer.sink;

import java.time.Duration;
import java.util.List;

/**
 * The turn sinks of one writer (AGENTMETER_SINK_THREADS, 2 by default), each on its own thread with its own consumer
 * and connection, in one consumer group: they share the partitions of {@code priced-turns}, so while one waits for
 * PostgreSQL to insert its batch the other's is being summed or inserted too, on the second core
 * (docs/writer.md), and the writer's other sinks (activity). Seen from outside (readiness, liveness, shutdown) they are one.
 */
public final class Sinks implements AutoCloseable {

    private final List<PostgresSink<?>> sinks;

    public Sinks(List<PostgresSink<?>> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public void start(String threadName) {
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).start(threadName + (sinks.size() == 1 ? "" : "-" + (i + 1)));
        }
    }

    /** The state that matters most: RETRYING over STOPPED over STARTING over RUNNING. */
    public PostgresSink.State state() {
        PostgresSink.State worst = PostgresSink.State.RUNNING;
        for (PostgresSink<?> sink : sinks) {
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
        for (PostgresSink<?> sink : sinks) {
            if (sink.lastError() != null) {
                return sink.lastError();
            }
        }
        return null;
    }

    /** Every sink thread still runs (once started). */
    public boolean alive() {
        return sinks.stream().allMatch(PostgresSink::alive);
    }

    /** Stops every sink at once and waits for them together (one shutdown wait, not one per sink). */
    @Override
    public void close() {
        sinks.forEach(PostgresSink::stop);
        sinks.forEach(sink -> sink.awaitStopped(Duration.ofSeconds(30)));
    }
}
