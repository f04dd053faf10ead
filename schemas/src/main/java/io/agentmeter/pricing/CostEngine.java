package io.agentmeter.pricing;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prices one turn: exact, stateless, no I/O.
 *
 * <h2>The rule</h2>
 * <pre>
 *   uncached input × input rate
 * + cache reads    × cache-read rate
 * + cache writes   × cache-write rate          (5-minute writes)
 * + 1-hour writes  × 1-hour cache-write rate
 * + (output − reasoning) × output rate
 * + reasoning      × reasoning rate            (only when the model has its own reasoning rate;
 *                                               otherwise reasoning is output and priced as output)
 * </pre>
 * where uncached input = input − cache reads − cache writes − 1-hour writes
 * ({@link Usage#uncachedInputTokens()}), since {@code input_tokens} includes the cache (OpenTelemetry GenAI).
 * Nothing is rounded.
 *
 * <p><b>Long-context tiers</b> (LiteLLM's rule): when the prompt, {@code input_tokens} with cache reads and writes,
 * is strictly more than a tier's threshold, every rate the tier gives replaces the base rate for the whole turn,
 * output included; the highest threshold exceeded wins; rates the tier does not give stay base. (LiteLLM's code
 * switches xAI models at exactly the threshold too; agentmeter applies {@code >} to every provider.)
 *
 * <h2>Missing is not zero</h2>
 * <ul>
 *   <li>A {@code reportedCostUsd} wins: status {@link CostStatus#REPORTED}, total = reported; the computed cost is
 *       kept beside it when it can be computed.</li>
 *   <li>No price for the model: {@link CostStatus#UNPRICED}, total null, never $0.</li>
 *   <li>Unknown output count: output (and reasoning) cost null, total null, {@link CostStatus#INCOMPLETE}. Unknown
 *       input count: input cost null, total null, INCOMPLETE; for a model with tiers the tier cannot be known
 *       either, so every part whose rate differs between tiers is null too.</li>
 *   <li>Unknown cache-read, cache-write, 1-hour-write and reasoning counts are taken as none: a provider that
 *       reports no cache figures did not use the cache, and a reasoning count that is not reported leaves all output
 *       at the output rate. (This matches {@link Usage#uncachedInputTokens()}.)</li>
 *   <li>Counts that contradict each other (cache reads and writes above the input, reasoning above the output, a
 *       negative count) make the affected parts null: INCOMPLETE rather than a guess.</li>
 * </ul>
 *
 * <h2>Rates the model lacks</h2>
 * A count of zero costs zero whatever the rate. For a non-zero count:
 * <ul>
 *   <li>no cache-read rate: cache reads at the input rate (the provider gives no discount we know of);</li>
 *   <li>no cache-write rate: cache writes at the input rate (providers without a write price, such as OpenAI, bill
 *       cache misses as ordinary input);</li>
 *   <li>no 1-hour write rate: the 5-minute write rate, else the input rate; no multiplier is guessed;</li>
 *   <li>no reasoning rate: reasoning is part of output (the normal case, not a stand-in);</li>
 *   <li>no input or no output rate (models priced per image, second, …, where the file gives only one token rate):
 *       that part is null and the turn INCOMPLETE.</li>
 * </ul>
 * Every part priced at a stand-in rate is listed in {@link TurnCost#substitutedRates()}. LiteLLM itself prices a
 * missing cache rate at $0; agentmeter does not, because missing is not zero.
 */
public final class CostEngine {

    private CostEngine() {
    }

    /** Prices {@code event} with the price in force for its tenant, provider, model and {@code occurred_at}. */
    public static TurnCost price(TurnEvent event, PriceBook book) {
        Optional<ModelPrice> price = event.occurredAt() == null ? Optional.empty()
                : book.find(event.tenantId(), event.provider(), event.model(), event.occurredAt());
        return price(event.usageOrUnknown(), event.reportedCostUsd(), price);
    }

    /**
     * Prices one turn of {@code usage} (null: all counts unknown) at {@code price} (empty: unknown model), with the
     * agent's own {@code reportedCostUsd} (null when it reported none) winning over the computed cost.
     */
    public static TurnCost price(Usage usage, BigDecimal reportedCostUsd, Optional<ModelPrice> price) {
        if (price.isEmpty()) {
            if (reportedCostUsd == null) {
                return TurnCost.unpriced();
            }
            return new TurnCost(CostStatus.REPORTED, reportedCostUsd, null, CostBreakdown.UNKNOWN, null, null, null,
                    null, Set.of());
        }
        ModelPrice model = price.get();
        Usage counts = usage == null ? Usage.UNKNOWN : usage;
        Computation computed = compute(counts, model);
        BigDecimal computedUsd = computed.breakdown.sum();
        CostStatus status;
        BigDecimal total;
        if (reportedCostUsd != null) {
            status = CostStatus.REPORTED;
            total = reportedCostUsd;
        } else if (computedUsd != null) {
            status = CostStatus.PRICED;
            total = exact(computedUsd);
        } else {
            status = CostStatus.INCOMPLETE;
            total = null;
        }
        return new TurnCost(status, total, computedUsd == null ? null : exact(computedUsd), computed.breakdown,
                model.model(), model.tenantId(), model.version(), computed.tier, computed.substituted);
    }

    private record Computation(CostBreakdown breakdown, Long tier, Set<CostComponent> substituted) {
    }

    /** A rate and whether it stands in for one the model lacks; value null when the model has none at all. */
    private record Rate(BigDecimal value, boolean substituted) {
        Rate asStandIn() {
            return new Rate(value, value != null);
        }
    }

    private static Computation compute(Usage usage, ModelPrice price) {
        Long input = usage.inputTokens() == null ? null : nonNegativeOrUnknown(usage.inputTokens());
        boolean inputUnknown = usage.inputTokens() == null || input == null;

        // The rates of the turn; with input unknown, a rate is known only when every tier agrees on it.
        List<TokenRates> possible = new ArrayList<>();
        Long tier = null;
        if (!inputUnknown) {
            tier = price.tierFor(input).map(PriceTier::aboveInputTokens).orElse(null);
            possible.add(price.ratesFor(input));
        } else {
            possible.add(price.rates());
            price.tiers().forEach(t -> possible.add(price.rates().overlay(t.rates())));
        }
        Map<CostComponent, Rate> rates = new EnumMap<>(CostComponent.class);
        for (CostComponent component : CostComponent.values()) {
            rates.put(component, agreed(possible, component)); // null entry = unknown
        }

        // The token count of each part; null = unknown.
        Long cacheRead = noneIfUnreported(usage.cacheReadTokens());
        Long cacheWrite = noneIfUnreported(usage.cacheWriteTokens());
        Long cacheWrite1h = noneIfUnreported(usage.cacheWrite1hTokens());
        Long uncached = subtract(input, cacheRead, cacheWrite, cacheWrite1h);

        Long output = usage.outputTokens() == null ? null : nonNegativeOrUnknown(usage.outputTokens());
        Rate reasoningRate = rates.get(CostComponent.REASONING);
        Long reasoning;
        Long outputLessReasoning;
        if (reasoningRate == null) { // unknown whether reasoning is priced apart
            reasoning = null;
            outputLessReasoning = null;
        } else if (reasoningRate.value() == null) { // no reasoning rate: reasoning is output
            reasoning = 0L;
            outputLessReasoning = output;
        } else {
            reasoning = noneIfUnreported(usage.reasoningTokens());
            outputLessReasoning = subtract(output, reasoning);
        }

        Map<CostComponent, Long> tokens = new EnumMap<>(CostComponent.class);
        tokens.put(CostComponent.INPUT, uncached);
        tokens.put(CostComponent.CACHE_READ, cacheRead);
        tokens.put(CostComponent.CACHE_WRITE, cacheWrite);
        tokens.put(CostComponent.CACHE_WRITE_1H, cacheWrite1h);
        tokens.put(CostComponent.OUTPUT, outputLessReasoning);
        tokens.put(CostComponent.REASONING, reasoning);

        Map<CostComponent, BigDecimal> cost = new EnumMap<>(CostComponent.class);
        Set<CostComponent> substituted = EnumSet.noneOf(CostComponent.class);
        for (CostComponent component : CostComponent.values()) {
            Long count = tokens.get(component);
            Rate rate = rates.get(component);
            BigDecimal part;
            if (count == null) {
                part = null;
            } else if (count == 0L) {
                part = BigDecimal.ZERO;
            } else if (rate == null || rate.value() == null) {
                part = null;
            } else {
                part = exact(rate.value().multiply(BigDecimal.valueOf(count)));
                if (rate.substituted()) {
                    substituted.add(component);
                }
            }
            cost.put(component, part);
        }
        CostBreakdown breakdown = new CostBreakdown(cost.get(CostComponent.INPUT), cost.get(CostComponent.CACHE_READ),
                cost.get(CostComponent.CACHE_WRITE), cost.get(CostComponent.CACHE_WRITE_1H),
                cost.get(CostComponent.OUTPUT), cost.get(CostComponent.REASONING));
        return new Computation(breakdown, tier, substituted);
    }

    /** The rate of {@code component} if every possible rate set agrees on it (value and stand-in), else null. */
    private static Rate agreed(List<TokenRates> possible, CostComponent component) {
        Rate first = effective(possible.get(0), component);
        for (TokenRates rates : possible.subList(1, possible.size())) {
            Rate other = effective(rates, component);
            if (!sameRate(first, other)) {
                return null;
            }
        }
        return first;
    }

    /** The rate a part is priced at, with the documented stand-ins for rates the model lacks. */
    private static Rate effective(TokenRates rates, CostComponent component) {
        return switch (component) {
            case INPUT, OUTPUT, REASONING -> new Rate(rates.get(component), false);
            case CACHE_READ -> firstOf(rates.cacheRead(), rates.input());
            case CACHE_WRITE -> firstOf(rates.cacheWrite(), rates.input());
            case CACHE_WRITE_1H -> rates.cacheWrite1h() != null ? new Rate(rates.cacheWrite1h(), false)
                    : firstOf(rates.cacheWrite(), rates.input()).asStandIn();
        };
    }

    private static Rate firstOf(BigDecimal own, BigDecimal standIn) {
        return own != null ? new Rate(own, false) : new Rate(standIn, standIn != null);
    }

    private static boolean sameRate(Rate a, Rate b) {
        if (a.value() == null || b.value() == null) {
            return a.value() == null && b.value() == null;
        }
        return a.value().compareTo(b.value()) == 0 && a.substituted() == b.substituted();
    }

    /** An unreported cache or reasoning count is none; a negative one contradicts itself and is unknown. */
    private static Long noneIfUnreported(Long count) {
        return count == null ? Long.valueOf(0L) : nonNegativeOrUnknown(count);
    }

    private static Long nonNegativeOrUnknown(long count) {
        return count < 0 ? null : count;
    }

    /** {@code from − parts}, or null when any is unknown or the parts exceed {@code from}. */
    private static Long subtract(Long from, Long... parts) {
        if (from == null) {
            return null;
        }
        long rest = from;
        for (Long part : parts) {
            if (part == null) {
                return null;
            }
            rest -= part;
        }
        return rest < 0 ? null : rest;
    }

    /** The same value without trailing zeros and never in exponent-of-ten form above the point; not rounded. */
    static BigDecimal exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
