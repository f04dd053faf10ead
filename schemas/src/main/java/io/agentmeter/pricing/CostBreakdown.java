package io.agentmeter.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * The computed cost of a turn by part, in USD. A part is null when it cannot be known: its token count is unknown
 * (or contradicts the others) or the model has no rate for a non-zero count. Known parts are exact; none is
 * rounded. JSON: {@code input_usd, cache_read_usd, cache_write_usd, cache_write_1h_usd, output_usd, reasoning_usd}.
 *
 * <p>{@code reasoningUsd} is what reasoning tokens cost at the model's own reasoning rate; for a model without one,
 * reasoning is priced as output and included in {@code outputUsd}, and {@code reasoningUsd} is zero.
 */
public record CostBreakdown(
        BigDecimal inputUsd,
        BigDecimal cacheReadUsd,
        BigDecimal cacheWriteUsd,
        @JsonProperty("cache_write_1h_usd") BigDecimal cacheWrite1hUsd,
        BigDecimal outputUsd,
        BigDecimal reasoningUsd) {

    /** Every part unknown: the breakdown of an unpriced turn. */
    public static final CostBreakdown UNKNOWN = new CostBreakdown(null, null, null, null, null, null);

    /** The cost of one part, or null when unknown. */
    public BigDecimal get(CostComponent component) {
        return switch (component) {
            case INPUT -> inputUsd;
            case CACHE_READ -> cacheReadUsd;
            case CACHE_WRITE -> cacheWriteUsd;
            case CACHE_WRITE_1H -> cacheWrite1hUsd;
            case OUTPUT -> outputUsd;
            case REASONING -> reasoningUsd;
        };
    }

    /** The sum of all parts, or null when any part is unknown (a total that leaves out a part would be wrong). */
    public BigDecimal sum() {
        BigDecimal total = BigDecimal.ZERO;
        for (CostComponent component : CostComponent.values()) {
            BigDecimal part = get(component);
            if (part == null) {
                return null;
            }
            total = total.add(part);
        }
        return total;
    }
}
