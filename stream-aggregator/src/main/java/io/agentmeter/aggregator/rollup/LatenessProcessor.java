package io.agentmeter.aggregator.rollup;

import io.agentmeter.aggregator.AggregatorMetrics;
import io.agentmeter.aggregator.TopologySettings;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.WindowSize;
import io.agentmeter.schema.validation.TurnLimits;
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
 * size's grace is at or before stream time: the same rule as Kafka Streams' windowed aggregations.
 *
 * <p>It is also late for a size whose windowed store could no longer hold its window: a store after the repartition
 * keeps a window for grace + {@link TopologySettings#WINDOW_STORE_HEADROOM} past the newest turn of <em>any</em>
 * partition, which is never ahead of the wall clock by more than the future skew validation allows. So a window that
 * ended longer ago than that, by the wall clock, is closed wherever this partition's stream time stands (imported
 * history, a partition far behind the others). A late turn is never lost: it is stored with {@code late = true}, counted in its session
 * rollup (sessions are not windowed), and the query API adds it to every windowed figure from the turns table.
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
        long wallClock = context.currentSystemTimeMs();
        Long previous = streamTime.get(KEY);
        long now = Math.min(t, wallClock);
        long current = previous == null ? now : Math.max(previous, now);
        if (previous == null || current > previous) {
            streamTime.put(KEY, current);
        }
        // The newest turn any windowed store may have seen: nothing valid is further ahead of the wall clock.
        long newestAnywhere = wallClock + TurnLimits.MAX_FUTURE_SKEW.toMillis();
        Set<WindowSize> lateFor = EnumSet.noneOf(WindowSize.class);
        for (WindowSize size : WindowSize.values()) {
            long windowEnd = size.windowStart(at).toEpochMilli() + size.size().toMillis();
            if (windowEnd + settings.graceOf(size).toMillis() <= current
                    || windowEnd + settings.storeGraceOf(size).toMillis() <= newestAnywhere) {
                lateFor.add(size);
                metrics.lateFor(size);
            }
        }
        boolean late = !lateFor.isEmpty();
        if (late) {
            metrics.late();
        }
        context.forward(record.withValue(new RollupTurn(priced.withLate(late), lateFor, null)));
    }
}
