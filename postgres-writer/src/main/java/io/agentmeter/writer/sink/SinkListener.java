package io.agentmeter.writer.sink;

import io.agentmeter.schema.priced.PricedTurn;
import java.util.List;

/** Told after each batch is committed to the store (benchmarks measure freshness with it). */
@FunctionalInterface
public interface SinkListener {

    SinkListener NONE = (turns, committedAtMillis) -> { };

    void committed(List<PricedTurn> turns, long committedAtMillis);
}
