package io.agentmeter.aggregator.metrics;

import io.agentmeter.schema.rollup.WindowSize;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The aggregator's own counters (Kafka Streams' and the clients' metrics are bound beside them), served on
 * {@code /metrics} in Prometheus format.
 */
public final class AggregatorMetrics {

    private final Counter valid;
    private final Counter rejected;
    private final Counter duplicates;
    private final Counter lateTurns;
    private final Counter conflictingDuplicates;
    private final Counter priceUpdatesRejected;
    private final Map<WindowSize, Counter> lateByWindow = new EnumMap<>(WindowSize.class);

    public AggregatorMetrics(MeterRegistry registry) {
        valid = Counter.builder("agentmeter_turns_valid").description("raw records read as a valid turn")
                .register(registry);
        rejected = Counter.builder("agentmeter_turns_dlq").description("raw records sent to the dead-letter topic")
                .register(registry);
        duplicates = Counter.builder("agentmeter_turns_duplicate")
                .description("turns dropped as a copy of an event id already seen").register(registry);
        lateTurns = Counter.builder("agentmeter_turns_late")
                .description("turns stored with late=true: beyond the grace of at least one of their windows")
                .register(registry);
        conflictingDuplicates = Counter.builder("agentmeter_turns_conflicting_duplicate")
                .description("copies of an event id already seen whose content differs from the first copy (also"
                        + " counted as duplicates; sent to the dead-letter topic with the reason)")
                .register(registry);
        priceUpdatesRejected = Counter.builder("agentmeter_price_updates_rejected")
                .description("model-prices records that could not be applied").register(registry);
        for (WindowSize size : WindowSize.values()) {
            lateByWindow.put(size, Counter.builder("agentmeter_turns_late_for_window")
                    .description("turns left out of a window size's rollups for arriving after its grace")
                    .tag("window_size", size.label()).register(registry));
        }
    }

    public void valid() {
        valid.increment();
    }

    public void rejected() {
        rejected.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void late() {
        lateTurns.increment();
    }

    public void lateFor(WindowSize size) {
        lateByWindow.get(size).increment();
    }

    public void conflictingDuplicate() {
        conflictingDuplicates.increment();
    }

    public void priceUpdateRejected() {
        priceUpdatesRejected.increment();
    }
}
