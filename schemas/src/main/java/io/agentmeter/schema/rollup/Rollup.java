package io.agentmeter.schema.rollup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.agentmeter.pricing.CostComponent;
import io.agentmeter.pricing.CostStatus;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.priced.PricedTurn;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures every rollup carries, summed over a set of turns: the value part of the session, model, agent and
 * tool rollups, and of each model inside a session. Immutable; {@link #plus(PricedTurn)} adds one turn.
 *
 * <p><b>Missing is not zero.</b> Each token kind is a {@link TokenCount}: the sum over the turns that reported it
 * and how many did, the sum null while none did. Cost is summed over the turns whose cost is known ({@code priced}
 * or {@code reported}, counted in {@code costTurns}); {@code unpriced} and {@code incomplete} turns are counted, never
 * taken as $0, and {@code costUsd} is null while no turn had a cost. The breakdown sums each computed part over the
 * turns where that part is known, keyed by the part's name ({@code input}, {@code cache_read}, {@code output}, ...). Durations: sum, min and max over the turns that reported one, and their quantiles
 * from a mergeable {@link LatencySketch}. {@link #plus(Rollup)} sums two sets of turns, so turns can be summed in
 * parts (the aggregator sums each commit's turns per window before they are shuffled) with the same figures.
 *
 * @param version grows by one with every turn added (by the other's version when two are summed); the PostgreSQL sink
 *                writes a row only over a lower version, so an older value never overwrites a newer one
 */
public record Rollup(
        long turns,
        long errorTurns,
        TokenCount inputTokens,
        TokenCount outputTokens,
        TokenCount cacheReadTokens,
        TokenCount cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") TokenCount cacheWrite1hTokens,
        TokenCount reasoningTokens,
        TokenCount totalTokens,
        BigDecimal costUsd,
        long costTurns,
        long unpricedTurns,
        long incompleteCostTurns,
        Map<String, BigDecimal> costBreakdown,
        Long durationMsSum,
        Long durationMsMin,
        Long durationMsMax,
        long durationTurns,
        LatencySketch latencySketch,
        Instant firstSeen,
        Instant lastSeen,
        long version) {

    private static final CostComponent[] COMPONENTS = CostComponent.values();

    /** No turn yet. */
    public static final Rollup EMPTY = new Rollup(0, 0, TokenCount.NONE, TokenCount.NONE, TokenCount.NONE,
            TokenCount.NONE, TokenCount.NONE, TokenCount.NONE, TokenCount.NONE, null, 0, 0, 0, Map.of(), null, null,
            null, 0, LatencySketch.EMPTY, null, null, 0);

    public Rollup {
        inputTokens = orNone(inputTokens);
        outputTokens = orNone(outputTokens);
        cacheReadTokens = orNone(cacheReadTokens);
        cacheWriteTokens = orNone(cacheWriteTokens);
        cacheWrite1hTokens = orNone(cacheWrite1hTokens);
        reasoningTokens = orNone(reasoningTokens);
        totalTokens = orNone(totalTokens);
        costBreakdown = SortedFigures.of(costBreakdown);
        latencySketch = latencySketch == null ? LatencySketch.EMPTY : latencySketch;
    }

    /** These figures with one more turn. */
    public Rollup plus(PricedTurn priced) {
        return plus(priced.turn(), priced.cost());
    }

    /** These figures with one more turn, its duration counted but not added to the latency sketch. */
    public Rollup plusWithoutLatency(PricedTurn priced) {
        return plus(priced.turn(), priced.cost(), false);
    }

    /** These figures with one more turn of {@code turn} costing {@code cost}. */
    public Rollup plus(TurnEvent turn, TurnCost cost) {
        return plus(turn, cost, true);
    }

    private Rollup plus(TurnEvent turn, TurnCost cost, boolean sketchLatency) {
        Usage usage = turn.usageOrUnknown();
        CostStatus status = cost.status();
        boolean hasCost = cost.totalUsd() != null;
        Long duration = turn.durationMs();
        Instant at = turn.occurredAt();
        return new Rollup(
                turns + 1,
                errorTurns + (turn.isError() ? 1 : 0),
                inputTokens.plus(usage.inputTokens()),
                outputTokens.plus(usage.outputTokens()),
                cacheReadTokens.plus(usage.cacheReadTokens()),
                cacheWriteTokens.plus(usage.cacheWriteTokens()),
                cacheWrite1hTokens.plus(usage.cacheWrite1hTokens()),
                reasoningTokens.plus(usage.reasoningTokens()),
                totalTokens.plus(usage.totalTokens()),
                hasCost ? (costUsd == null ? cost.totalUsd() : costUsd.add(cost.totalUsd())) : costUsd,
                costTurns + (hasCost ? 1 : 0),
                unpricedTurns + (status == CostStatus.UNPRICED ? 1 : 0),
                incompleteCostTurns + (status == CostStatus.INCOMPLETE ? 1 : 0),
                plusBreakdown(cost),
                sum(durationMsSum, duration),
                least(durationMsMin, duration),
                greatest(durationMsMax, duration),
                durationTurns + (duration == null ? 0 : 1),
                duration == null || !sketchLatency ? latencySketch : latencySketch.plus(duration),
                least(firstSeen, at),
                greatest(lastSeen, at),
                version + 1);
    }

    /** The figures of these turns and {@code other}'s together (they must be distinct turns). */
    public Rollup plus(Rollup other) {
        return new Rollup(
                turns + other.turns,
                errorTurns + other.errorTurns,
                inputTokens.plus(other.inputTokens),
                outputTokens.plus(other.outputTokens),
                cacheReadTokens.plus(other.cacheReadTokens),
                cacheWriteTokens.plus(other.cacheWriteTokens),
                cacheWrite1hTokens.plus(other.cacheWrite1hTokens),
                reasoningTokens.plus(other.reasoningTokens),
                totalTokens.plus(other.totalTokens),
                costUsd == null ? other.costUsd : other.costUsd == null ? costUsd : costUsd.add(other.costUsd),
                costTurns + other.costTurns,
                unpricedTurns + other.unpricedTurns,
                incompleteCostTurns + other.incompleteCostTurns,
                SortedFigures.of(costBreakdown).plus(other.costBreakdown, BigDecimal::add),
                sum(durationMsSum, other.durationMsSum),
                least(durationMsMin, other.durationMsMin),
                greatest(durationMsMax, other.durationMsMax),
                durationTurns + other.durationTurns,
                latencySketch.isEmpty() ? other.latencySketch
                        : other.latencySketch.isEmpty() ? latencySketch : latencySketch.merge(other.latencySketch),
                least(firstSeen, other.firstSeen),
                greatest(lastSeen, other.lastSeen),
                Math.addExact(version, other.version));
    }

    /** The median duration in ms within 1%, null when no turn reported a duration. */
    @JsonProperty("latency_p50_ms")
    public Double latencyP50Ms() {
        return latencySketch.quantile(0.50);
    }

    @JsonProperty("latency_p95_ms")
    public Double latencyP95Ms() {
        return latencySketch.quantile(0.95);
    }

    @JsonProperty("latency_p99_ms")
    public Double latencyP99Ms() {
        return latencySketch.quantile(0.99);
    }

    private Map<String, BigDecimal> plusBreakdown(TurnCost cost) {
        TreeMap<String, BigDecimal> sums = null;
        for (CostComponent component : COMPONENTS) {
            BigDecimal part = cost.breakdown().get(component);
            if (part != null) {
                if (sums == null) {
                    sums = new TreeMap<>(costBreakdown);
                }
                sums.merge(component.wireName(), part, BigDecimal::add);
            }
        }
        return sums == null ? costBreakdown : SortedFigures.adopt(sums);
    }

    private static Long sum(Long total, Long value) {
        if (value == null) {
            return total;
        }
        return total == null ? value : Long.valueOf(Math.addExact(total, value));
    }

    /** The smaller of two values, either of which may be missing (null); null only when both are. */
    static <T extends Comparable<? super T>> T least(T a, T b) {
        return a == null || (b != null && b.compareTo(a) < 0) ? b : a;
    }

    /** The larger of two values, either of which may be missing (null); null only when both are. */
    static <T extends Comparable<? super T>> T greatest(T a, T b) {
        return a == null || (b != null && b.compareTo(a) > 0) ? b : a;
    }

    private static TokenCount orNone(TokenCount count) {
        return count == null ? TokenCount.NONE : count;
    }
}
