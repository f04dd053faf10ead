package io.agentmeter.aggregator.rollup;

import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sums one commit's turns per (grouping key, window size, window) of one dimension before they are shuffled to the
 * key's partition: at each commit one partial rollup per such window leaves, keyed by the grouping key, its timestamp
 * that of its newest turn (so within its window, and the output records keep event time as with one record per turn). The windowed stores after the shuffle add partials instead of turns. With a handful of models,
 * agents and tools that is a few dozen records a commit instead of several per turn, and a few dozen store updates
 * instead of nine per turn; the figures are the same, as rollups add up ({@code Rollup.plus(Rollup)}).
 *
 * <p>A turn counts for a window size only when it was not late for it ({@link RollupTurn#countsIn}).
 */
public final class WindowPartialsProcessor<V> implements Processor<String, RollupTurn, String, V> {

    private static final WindowSize[] SIZES = WindowSize.values();

    private final WindowedDimension<V> dimension;
    private final String bufferName;
    private CommitForwarder<String, V> forwarder;
    private CommitBuffer<WindowKey, V> buffer;

    /** A grouping key in one window. */
    private record WindowKey(String key, WindowSize size, Instant start) {
    }

    public WindowPartialsProcessor(WindowedDimension<V> dimension, String bufferName) {
        this.dimension = dimension;
        this.bufferName = bufferName;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        forwarder = new CommitForwarder<>(context);
        buffer = context.getStateStore(bufferName);
        buffer.onCommit(this::forwardAll);
    }

    @Override
    public void process(Record<String, RollupTurn> record) {
        for (KeyValue<String, RollupTurn> keyed : dimension.keys().apply(record.value())) {
            RollupTurn turn = keyed.value;
            Instant at = turn.priced().turn().occurredAt();
            for (WindowSize size : SIZES) {
                if (turn.countsIn(size)) {
                    buffer.update(new WindowKey(keyed.key, size, size.windowStart(at)),
                            sum -> dimension.addTurn().apply(turn, sum == null ? dimension.empty() : sum));
                }
            }
        }
    }

    private void forwardAll(Map<WindowKey, V> partials) {
        partials.forEach((window, sum) -> {
            Instant newest = dimension.totalsOf().apply(sum).lastSeen();
            forwarder.forward(new Record<>(window.key(), dimension.inWindow().apply(sum, window.size(), window.start()),
                    (newest == null ? window.start() : newest).toEpochMilli()));
        });
    }
}
