package io.agentmeter.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's own meters, scraped at {@code /q/metrics} (Prometheus names in brackets):
 * <ul>
 *   <li>{@code agentmeter.ingest.events.accepted} {source, type}: type {@code turn} or {@code activity}
 *       [agentmeter_ingest_events_accepted_total]</li>
 *   <li>{@code agentmeter.ingest.events.rejected} {source, type, reason} [agentmeter_ingest_events_rejected_total]</li>
 *   <li>{@code agentmeter.ingest.batch.size} {source}: items per request [agentmeter_ingest_batch_size]</li>
 *   <li>{@code agentmeter.ingest.requests.rejected} {status, error}: every error answer, 401/413/429/503 included
 *       [agentmeter_ingest_requests_rejected_total]</li>
 *   <li>{@code agentmeter.ingest.otlp.spans.ignored}: spans without GenAI attributes
 *       [agentmeter_ingest_otlp_spans_ignored_total]</li>
 *   <li>{@code agentmeter.ingest.otlp.ignored} {signal, reason}: OTLP log records and metric data points accepted but
 *       not turns, by event or metric name [agentmeter_ingest_otlp_ignored_total]</li>
 *   <li>{@code agentmeter.ingest.produce.latency} (see {@link io.agentmeter.ingest.kafka.Publisher})</li>
 * </ul>
 */
public final class IngestMetrics {

    /** Distinct {@code reason} values of {@code agentmeter.ingest.otlp.ignored} per signal. */
    public static final int MAX_IGNORED_REASONS = 200;
    public static final String OTHER_REASON = "other";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batchSizes = new ConcurrentHashMap<>();
    private final Counter spansIgnored;
    /** Reasons seen per signal, to bound the label's values: they are names clients chose. */
    private final Map<String, Set<String>> ignoredReasons = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.spansIgnored = Counter.builder("agentmeter.ingest.otlp.spans.ignored")
                .description("OTLP spans without GenAI model or usage attributes, ignored")
                .register(registry);
    }

    /** {@code type}: {@code turn} or {@code activity} ({@link io.agentmeter.ingest.kafka.IngestStream}). */
    public void accepted(String source, String type, int events) {
        if (events > 0) {
            counter("agentmeter.ingest.events.accepted", "Events acknowledged by Kafka, by source and type", "source",
                    source, "type", type).increment(events);
        }
    }

    public void rejected(String source, String type, String reason, int events) {
        if (events > 0) {
            counter("agentmeter.ingest.events.rejected", "Items rejected, by source, type and reason", "source",
                    source, "type", type, "reason", reason).increment(events);
        }
    }

    public void batch(String source, int items) {
        batchSizes.computeIfAbsent(source, s -> DistributionSummary.builder("agentmeter.ingest.batch.size")
                .description("Items per ingest request")
                .baseUnit("events")
                .tag("source", s)
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(100_000.0)
                .register(registry)).record(items);
    }

    /** An error answer: 401, 413, 429 (rate limited), 503 (Kafka unavailable) and the rest. */
    public void requestRejected(int status, String error) {
        counter("agentmeter.ingest.requests.rejected", "Requests answered with an error, by status and error code",
                "status", Integer.toString(status), "error", error).increment();
    }

    public void spansIgnored(int spans) {
        if (spans > 0) {
            spansIgnored.increment(spans);
        }
    }

    /**
     * OTLP items accepted but not turns. At most {@link #MAX_IGNORED_REASONS} distinct reasons per signal get their
     * own label value; later new ones are counted as {@code other}, so a client cannot grow the metric without bound.
     */
    public void otlpIgnored(String signal, String reason, long items) {
        if (items <= 0) {
            return;
        }
        Set<String> reasons = ignoredReasons.computeIfAbsent(signal, s -> ConcurrentHashMap.newKeySet());
        String label = reasons.contains(reason) || (reasons.size() < MAX_IGNORED_REASONS && reasons.add(reason))
                ? reason : OTHER_REASON;
        counter("agentmeter.ingest.otlp.ignored", "OTLP log records and metric data points accepted but not turns,"
                + " by event or metric name", "signal", signal, "reason", label).increment(items);
    }

    private Counter counter(String name, String description, String... tags) {
        String id = name + String.join("|", tags);
        return counters.computeIfAbsent(id, i -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }
}
