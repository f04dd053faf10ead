package io.agentmeter.aggregator.rollup;

import io.agentmeter.aggregator.AggregatorMetrics;
import io.agentmeter.aggregator.TopologySettings;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides, once per turn and before any repartition, which rollup windows a turn is too late for, so that the
 * {@code late} flag stored with the turn and the rollups always agree.
 *
 * <p>Stream time is the newest {@code occurred_at} seen on this partition (kept in {@value #STORE}, changelogged, so
 * it survives a crash exactly as the outputs do), never ahead of the wall clock (a turn from a fast clock cannot
 * make the rest of the partition late). For each window size, the turn is late when its window's end plus that
 * size's grace is at or before stream time: the same rule as Kafka Streams' windowed aggregations. A turn older than
 * stream time minus the dedupe horizon is beyond the horizon: its duplicates can no longer be recognised, so it
 * updates no rollup (not even its session's) and is only stored as a (late) turn, where PostgreSQL's key guards it.
 */
public final class LatenessProcessor implements FixedKeyProcessor<String, PricedTurn, RollupTurn> {

    public static final String STORE = "stream-time-store";
    private static final String KEY = "stream-time";

    private final TopologySettings settings;
    private final AggregatorMetrics metrics;
    private FixedKeyProcessorContext<String, RollupTurn> context;
    private KeyValueStore<String, Long> streamTime;

    public LatenessProcessor(TopologySettings settings, AggregatorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, RollupTurn> context) {
        this.context = context;
        this.streamTime = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, PricedTurn> record) {
        PricedTurn priced = record.value();
        Instant at = priced.turn().occurredAt();
        long t = at.toEpochMilli();
        Long previous = streamTime.get(KEY);
        long now = Math.min(t, context.currentSystemTimeMs());
        long current = previous == null ? now : Math.max(previous, now);
        if (previous == null || current > previous) {
            streamTime.put(KEY, current);
        }
        Set<WindowSize> lateFor = EnumSet.noneOf(WindowSize.class);
        for (WindowSize size : WindowSize.values()) {
            long windowEnd = size.windowStart(at).toEpochMilli() + size.size().toMillis();
            if (windowEnd + settings.graceOf(size).toMillis() <= current) {
                lateFor.add(size);
                metrics.lateFor(size);
            }
        }
        boolean beyondHorizon = t < current - settings.dedupeHorizon().toMillis();
        if (beyondHorizon) {
            metrics.beyondHorizon();
        }
        boolean late = beyondHorizon || !lateFor.isEmpty();
        if (late) {
            metrics.late();
        }
        context.forward(record.withValue(new RollupTurn(priced.withLate(late), lateFor, beyondHorizon, null)));
    }
}
