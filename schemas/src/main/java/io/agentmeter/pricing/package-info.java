/**
 * Prices model turns: the price book ({@link io.agentmeter.pricing.PriceBook}, LiteLLM's price file plus
 * effective-dated global prices and tenant overrides from the compacted {@code model-prices} topic) and the cost
 * engine ({@link io.agentmeter.pricing.CostEngine}) that applies it to a turn's
 * {@link io.agentmeter.schema.event.Usage}. Money is {@link java.math.BigDecimal}, exact, never rounded; an unknown
 * count or model gives an unknown (null) cost, never zero. See docs/pricing.md.
 */
package io.agentmeter.pricing;
