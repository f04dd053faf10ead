package io.agentmeter.pricing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The cost of one turn and how it was arrived at. Money is exact ({@link BigDecimal}, never rounded).
 *
 * @param status           how the cost was arrived at
 * @param totalUsd         the turn's cost: the reported one for {@link CostStatus#REPORTED}, the computed one for
 *                         {@link CostStatus#PRICED}, null (unknown, never zero) for UNPRICED and INCOMPLETE
 * @param computedUsd      what the price book says, kept also when a reported cost wins; null when the model is
 *                         unpriced or a part of the turn is unknown
 * @param breakdown        the computed cost by part ({@link CostBreakdown#UNKNOWN} when the model is unpriced)
 * @param pricedModel      the price-book key the turn was priced as (e.g. {@code claude-sonnet-4-5} for a turn that
 *                         said {@code anthropic/claude-sonnet-4-5}); null when unpriced
 * @param priceTenantId    the tenant whose override was used, null for a global price or when unpriced
 * @param priceVersion     the version of the price used (e.g. {@code litellm@4c6858bb791b}); null when unpriced
 * @param tierAboveTokens  the threshold of the long-context tier applied, null when base rates applied (or when the
 *                         tier could not be known because input tokens are unknown)
 * @param substitutedRates parts priced at a stand-in rate because the model has no rate of its own for them (see
 *                         {@link CostEngine}); empty when none
 */
public record TurnCost(
        CostStatus status,
        BigDecimal totalUsd,
        BigDecimal computedUsd,
        CostBreakdown breakdown,
        String pricedModel,
        String priceTenantId,
        String priceVersion,
        Long tierAboveTokens,
        Set<CostComponent> substitutedRates) {

    public TurnCost {
        Objects.requireNonNull(status, "status");
        breakdown = breakdown == null ? CostBreakdown.UNKNOWN : breakdown;
        EnumSet<CostComponent> ordered = EnumSet.noneOf(CostComponent.class);
        if (substitutedRates != null) {
            ordered.addAll(substitutedRates);
        }
        substitutedRates = Collections.unmodifiableSet(ordered);
    }

    /** A turn whose model has no price and whose agent reported no cost. */
    public static TurnCost unpriced() {
        return new TurnCost(CostStatus.UNPRICED, null, null, CostBreakdown.UNKNOWN, null, null, null, null, Set.of());
    }

    /** True when the turn carries a cost (PRICED or REPORTED). */
    public boolean hasTotal() {
        return totalUsd != null;
    }
}
