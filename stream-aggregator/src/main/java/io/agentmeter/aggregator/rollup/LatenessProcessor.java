package io.agentmeter.aggregator.rollup;

import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import io.agentmeter.aggregator.settings.TopologySettings;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Flags a turn {@code late} when it arrived after its window closed: for some window size, its window's end plus that
 * size's grace is at or before stream time, the newest {@code occurred_at} seen on this partition (kept in
 * {@value #STORE}, changelogged, so it survives a crash exactly as the outputs do), never ahead of the wall clock (a
 * turn from a fast clock cannot make the rest of the partition late). The same rule as Kafka Streams' windowed
 * aggregations, counted per size in {@code agentmeter_turns_late_for_window_total}.
 *
 * <p>The flag only informs (it is stored in {@code turns.late}): a late turn is counted in every rollup like any other,
 * as the sink adds each new turn to its windows whatever its age.
 */
public final class LatenessProcessor implements FixedKeyProcessor<String, PricedTurn, PricedTurn> {

    public static final String STORE = "stream-time-store";
    private static final String KEY = "stream-time";

    private final TopologySettings settings;
    private final AggregatorMetrics metrics;
    private FixedKeyProcessorContext<String, PricedTurn> context;
    private KeyValueStore<String, Long> streamTime;

    public LatenessProcessor(TopologySettings settings, AggregatorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, PricedTurn> context) {
        this.context = context;
        this.streamTime = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, PricedTurn> record) {
        PricedTurn priced = record.value();
        Instant at = priced.turn().occurredAt();
        Long previous = streamTime.get(KEY);
        long now = Math.min(at.toEpochMilli(), context.currentSystemTimeMs());
        long current = previous == null ? now : Math.max(previous, now);
        if (previous == null || current > previous) {
            streamTime.put(KEY, current);
        }
        boolean late = false;
        for (WindowSize size : WindowSize.values()) {
            long windowEnd = size.windowStart(at).toEpochMilli() + size.size().toMillis();
            if (windowEnd + settings.graceOf(size).toMillis() <= current) {
                late = true;
                metrics.lateFor(size);
            }
        }
        if (late) {
            metrics.late();
        }
        context.forward(record.withValue(priced.withLate(late)));
    }
}
