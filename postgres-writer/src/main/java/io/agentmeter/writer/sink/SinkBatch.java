package io.agentmeter.writer.sink;

import io.agentmeter.schema.priced.PricedTurn;
import java.util.ArrayList;
import java.util.List;

/** One batch of sink writes: the priced turns read since the last write, in the order read. */
public final class SinkBatch {

    private final List<PricedTurn> turns = new ArrayList<>();

    public void addTurn(PricedTurn turn) {
        turns.add(turn);
    }

    public List<PricedTurn> turns() {
        return turns;
    }

    public boolean isEmpty() {
        return turns.isEmpty();
    }
}
