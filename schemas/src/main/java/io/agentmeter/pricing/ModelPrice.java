package io.agentmeter.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The price of one model from one moment on, for everyone ({@code tenantId == null}) or for one tenant.
 *
 * <p>Rates are kept exactly as the price source gives them, null where it gives none; {@link CostEngine} applies
 * the documented stand-ins (1-hour cache writes at the 5-minute write rate, and so on). Immutable.
 *
 * @param tenantId      the tenant this override belongs to, or null for the global price
 * @param model         the model key as the price source spells it, e.g. {@code claude-sonnet-4-5} or
 *                      {@code azure/gpt-5}
 * @param provider      LiteLLM's {@code litellm_provider}, or null when not given
 * @param effectiveFrom the first instant this price applies to (a turn's {@code occurred_at})
 * @param version       identifies the price source, e.g. {@code litellm@4c6858bb791b}; recorded on every priced turn
 * @param rates         the base per-token rates
 * @param tiers         long-context tiers, sorted by threshold, ascending; empty when the model has none
 */
public record ModelPrice(
        String tenantId,
        String model,
        String provider,
        Instant effectiveFrom,
        String version,
        TokenRates rates,
        List<PriceTier> tiers) {

    public ModelPrice {
        tenantId = blankToNull(tenantId);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is required (model " + model + ")");
        }
        provider = blankToNull(provider);
        rates = rates == null ? TokenRates.NONE : rates;
        List<PriceTier> sorted = new ArrayList<>(tiers == null ? List.of() : tiers);
        sorted.sort(Comparator.comparingLong(PriceTier::aboveInputTokens));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).aboveInputTokens() == sorted.get(i - 1).aboveInputTokens()) {
                throw new IllegalArgumentException(
                        "two tiers above " + sorted.get(i).aboveInputTokens() + " tokens (model " + model + ")");
            }
        }
        tiers = List.copyOf(sorted);
    }

    /** The tier a prompt of {@code inputTokens} tokens is priced at: the highest threshold it exceeds, if any. */
    public Optional<PriceTier> tierFor(long inputTokens) {
        PriceTier applied = null;
        for (PriceTier tier : tiers) {
            if (tier.appliesTo(inputTokens)) {
                applied = tier;
            }
        }
        return Optional.ofNullable(applied);
    }

    /** The base rates with the tier for {@code inputTokens} laid over them. */
    public TokenRates ratesFor(long inputTokens) {
        return tierFor(inputTokens).map(tier -> rates.overlay(tier.rates())).orElse(rates);
    }

    /** True for the price everyone gets; false for a tenant's override. */
    public boolean isGlobal() {
        return tenantId == null;
    }

    /** True when the model has at least one per-token rate, base or tiered. */
    public boolean hasTokenRate() {
        return !rates.isEmpty() || !tiers.isEmpty();
    }

    /** The same price owned by {@code tenant} (null for global). */
    public ModelPrice withTenant(String tenant) {
        return new ModelPrice(tenant, model, provider, effectiveFrom, version, rates, tiers);
    }

    /** The same price in force from {@code from}. */
    public ModelPrice withEffectiveFrom(Instant from) {
        return new ModelPrice(tenantId, model, provider, from, version, rates, tiers);
    }

    /** The same price under another name, e.g. to register an alias for a model the source does not list. */
    public ModelPrice withModel(String name) {
        return new ModelPrice(tenantId, name, provider, effectiveFrom, version, rates, tiers);
    }

    /** The same price recorded under another version label. */
    public ModelPrice withVersion(String label) {
        return new ModelPrice(tenantId, model, provider, effectiveFrom, label, rates, tiers);
    }

    /** The key of this price on the compacted {@code model-prices} topic. */
    public ModelPriceKey key() {
        return new ModelPriceKey(tenantId, model, effectiveFrom);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
