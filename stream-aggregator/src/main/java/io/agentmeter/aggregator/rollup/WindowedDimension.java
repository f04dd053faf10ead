package io.agentmeter.aggregator.rollup;

import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.rollup.Rollup;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;

/**
 * One dimension of the windowed rollups (model, agent or tool): how a turn is keyed and added, how two sums of the
 * same key are added, and where the results go.
 *
 * @param name       {@code model}, {@code agent} or {@code tool}: the prefix of its processors, stores and topics
 * @param topic      the compacted rollup topic
 * @param storeSerde the binary form in stores and on the repartition topic
 * @param empty      the rollup of no turn
 * @param keys       the grouping keys a turn counts under, each with the turn as it counts there (one tool each)
 * @param addTurn    the rollup with one more turn
 * @param addRollup  the sum of two rollups of the same key and window, the second's window and dimensions kept
 * @param inWindow   the rollup placed in its window
 * @param sizeOf     the window size a rollup was placed in
 * @param totalsOf   a rollup's figures
 */
public record WindowedDimension<V>(
        String name,
        Topic<String, V> topic,
        Serde<V> storeSerde,
        V empty,
        Function<RollupTurn, List<KeyValue<String, RollupTurn>>> keys,
        BiFunction<RollupTurn, V, V> addTurn,
        BinaryOperator<V> addRollup,
        InWindow<V> inWindow,
        Function<V, WindowSize> sizeOf,
        Function<V, Rollup> totalsOf) {

    /** Places a rollup in a window. */
    public interface InWindow<V> {
        V apply(V rollup, WindowSize size, Instant start);
    }
}
