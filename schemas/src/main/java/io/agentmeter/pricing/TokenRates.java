package io.agentmeter.pricing;

import java.math.BigDecimal;

/**
 * Per-token prices in USD, exactly as the price source gives them. A rate is null when the source does not give it;
 * {@link CostEngine} decides what stands in for a missing rate (see there), nothing here guesses.
 *
 * <p>Used both for a model's base rates and for the rates of one long-context tier, where null means "the tier does
 * not change this rate".
 *
 * @param input        uncached prompt tokens ({@code input_cost_per_token})
 * @param output       generated tokens ({@code output_cost_per_token})
 * @param cacheRead    prompt tokens read from the cache ({@code cache_read_input_token_cost})
 * @param cacheWrite   prompt tokens written to the 5-minute cache ({@code cache_creation_input_token_cost})
 * @param cacheWrite1h prompt tokens written to the 1-hour cache ({@code cache_creation_input_token_cost_above_1hr})
 * @param reasoning    reasoning tokens ({@code output_cost_per_reasoning_token})
 */
public record TokenRates(
        BigDecimal input,
        BigDecimal output,
        BigDecimal cacheRead,
        BigDecimal cacheWrite,
        BigDecimal cacheWrite1h,
        BigDecimal reasoning) {

    /** No rate at all. */
    public static final TokenRates NONE = new TokenRates(null, null, null, null, null, null);

    public TokenRates {
        requireNotNegative(CostComponent.INPUT, input);
        requireNotNegative(CostComponent.OUTPUT, output);
        requireNotNegative(CostComponent.CACHE_READ, cacheRead);
        requireNotNegative(CostComponent.CACHE_WRITE, cacheWrite);
        requireNotNegative(CostComponent.CACHE_WRITE_1H, cacheWrite1h);
        requireNotNegative(CostComponent.REASONING, reasoning);
    }

    /** The rate of one part, or null when not given. */
    public BigDecimal get(CostComponent component) {
        return switch (component) {
            case INPUT -> input;
            case OUTPUT -> output;
            case CACHE_READ -> cacheRead;
            case CACHE_WRITE -> cacheWrite;
            case CACHE_WRITE_1H -> cacheWrite1h;
            case REASONING -> reasoning;
        };
    }

    /** The same rates with one part replaced. */
    public TokenRates with(CostComponent component, BigDecimal rate) {
        return new TokenRates(
                component == CostComponent.INPUT ? rate : input,
                component == CostComponent.OUTPUT ? rate : output,
                component == CostComponent.CACHE_READ ? rate : cacheRead,
                component == CostComponent.CACHE_WRITE ? rate : cacheWrite,
                component == CostComponent.CACHE_WRITE_1H ? rate : cacheWrite1h,
                component == CostComponent.REASONING ? rate : reasoning);
    }

    /** These rates with every rate that {@code other} gives replacing this one; the rest stay as they are. */
    public TokenRates overlay(TokenRates other) {
        return new TokenRates(
                other.input != null ? other.input : input,
                other.output != null ? other.output : output,
                other.cacheRead != null ? other.cacheRead : cacheRead,
                other.cacheWrite != null ? other.cacheWrite : cacheWrite,
                other.cacheWrite1h != null ? other.cacheWrite1h : cacheWrite1h,
                other.reasoning != null ? other.reasoning : reasoning);
    }

    /** True when not a single rate is given. */
    public boolean isEmpty() {
        return input == null && output == null && cacheRead == null && cacheWrite == null && cacheWrite1h == null
                && reasoning == null;
    }

    private static void requireNotNegative(CostComponent component, BigDecimal rate) {
        if (rate != null && rate.signum() < 0) {
            throw new IllegalArgumentException(component.liteLlmField() + " must not be negative, got " + rate);
        }
    }
}
