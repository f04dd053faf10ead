package io.agentmeter.pricing;

import java.util.Objects;

/**
 * A long-context tier: when a turn's prompt ({@code input_tokens}, cache reads and writes included) is larger than
 * {@code aboveInputTokens}, every rate the tier gives replaces the model's base rate for the whole turn; rates the
 * tier does not give stay at the base rate.
 *
 * <p>From LiteLLM's {@code <rate>_above_<N>k_tokens} keys ({@code N × 1000}; {@code _above_<N>_tokens} is taken
 * as-is) and from the lower bound of each higher {@code tiered_pricing} range.
 *
 * @param aboveInputTokens the tier applies when input tokens are strictly more than this
 * @param rates            the rates the tier sets; null ones are not changed by the tier
 */
public record PriceTier(long aboveInputTokens, TokenRates rates) {

    public PriceTier {
        if (aboveInputTokens <= 0) {
            throw new IllegalArgumentException("a tier threshold must be positive, got " + aboveInputTokens);
        }
        Objects.requireNonNull(rates, "rates");
    }

    /** True when a prompt of {@code inputTokens} tokens is priced at this tier (LiteLLM: strictly above). */
    public boolean appliesTo(long inputTokens) {
        return inputTokens > aboveInputTokens;
    }
}
