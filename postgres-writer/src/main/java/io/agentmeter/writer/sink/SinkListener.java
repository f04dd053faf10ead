package io.agentmeter.writer.sink;

import java.util.List;

/** Told after each batch is committed to the store (benchmarks measure freshness with it). */
@FunctionalInterface
public interface SinkListener<V> {

    static <V> SinkListener<V> none() {
        return (items, committedAtMillis) -> { };
    }

    void committed(List<V> items, long committedAtMillis);
}
