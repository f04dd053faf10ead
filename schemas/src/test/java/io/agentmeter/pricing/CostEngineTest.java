package io.agentmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The cost rule against the shipped LiteLLM snapshot. Every expected amount is worked out by hand from the rates in
 * the file (quoted in the comment), never taken from the code's output.
 */
class CostEngineTest {

    private static final PriceBook BOOK = PriceBook.loadShipped();
    private static final Instant AT = Instant.parse("2026-07-25T12:00:00Z");
    private static final String SHIPPED_VERSION = "litellm@4c6858bb791b";

    private static Optional<ModelPrice> price(String model) {
        return BOOK.find(null, null, model, AT);
    }

    private static Usage usage(Long input, Long output, Long cacheRead, Long cacheWrite, Long cacheWrite1h,
            Long reasoning) {
        return new Usage(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning, null);
    }

    @Test
    void shouldPriceGpt5WithCachedPromptTokensExactly() {
        // gpt-5: input 1.25e-06, cache read 1.25e-07, output 1e-05
        // 2,000 uncached × 0.00000125 = 0.0025; 8,000 cached × 0.000000125 = 0.001; 3,000 out × 0.00001 = 0.03
        TurnCost cost = CostEngine.price(usage(10_000L, 3_000L, 8_000L, null, null, null), null, price("gpt-5"));

        assertThat(cost.status()).isEqualTo(CostStatus.PRICED);
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.0335");
        assertThat(cost.breakdown().inputUsd()).isEqualByComparingTo("0.0025");
        assertThat(cost.breakdown().cacheReadUsd()).isEqualByComparingTo("0.001");
        assertThat(cost.breakdown().outputUsd()).isEqualByComparingTo("0.03");
    }

    @Test
    void shouldSwitchEveryRateToTheLongContextTierAbove200kPromptTokens() {
        // claude-sonnet-4-5 above 200k: input 6e-06, cache read 6e-07, cache write 7.5e-06, output 2.25e-05
        // prompt 250,000 > 200,000: 10,000 × 0.000006 = 0.06; 200,000 × 0.0000006 = 0.12;
        // 40,000 × 0.0000075 = 0.3; 2,000 × 0.0000225 = 0.045; total 0.525
        TurnCost cost = CostEngine.price(usage(250_000L, 2_000L, 200_000L, 40_000L, null, null), null,
                price("claude-sonnet-4-5"));

        assertThat(cost.status()).isEqualTo(CostStatus.PRICED);
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.525");
        assertThat(cost.tierAboveTokens()).isEqualTo(200_000L);
        assertThat(cost.breakdown().outputUsd()).isEqualByComparingTo("0.045");
    }

    @Test
    void shouldUseBaseRatesBelowTheTierThreshold() {
        // claude-sonnet-4-5 base: input 3e-06, cache read 3e-07, cache write 3.75e-06, output 1.5e-05
        // prompt 150,000: 10,000 × 0.000003 = 0.03; 100,000 × 0.0000003 = 0.03; 40,000 × 0.00000375 = 0.15;
        // 2,000 × 0.000015 = 0.03; total 0.24
        TurnCost cost = CostEngine.price(usage(150_000L, 2_000L, 100_000L, 40_000L, null, null), null,
                price("claude-sonnet-4-5"));

        assertThat(cost.totalUsd()).isEqualByComparingTo("0.24");
        assertThat(cost.tierAboveTokens()).isNull();
    }

    @Test
    void shouldKeepBaseRatesAtExactlyTheThreshold() {
        // "above 200k" means more than 200,000: 200,000 × 0.000003 (base input) = 0.6
        TurnCost cost = CostEngine.price(usage(200_000L, 0L, null, null, null, null), null,
                price("claude-sonnet-4-5"));

        assertThat(cost.totalUsd()).isEqualByComparingTo("0.6");
        assertThat(cost.tierAboveTokens()).isNull();
    }

    @Test
    void shouldLeaveAnUnknownModelUnpricedWithANullTotal() {
        TurnCost cost = CostEngine.price(usage(1_000L, 100L, null, null, null, null), null,
                price("no-such-model-anywhere"));

        assertThat(cost.status()).isEqualTo(CostStatus.UNPRICED);
        assertThat(cost.totalUsd()).isNull();
        assertThat(cost.computedUsd()).isNull();
        assertThat(cost.breakdown()).isEqualTo(CostBreakdown.UNKNOWN);
        assertThat(cost.priceVersion()).isNull();
    }

    @Test
    void shouldLeaveOutputCostAndTotalNullWhenTheOutputCountIsUnknown() {
        // the known part is still given: 1,000 × 0.00000125 = 0.00125
        TurnCost cost = CostEngine.price(usage(1_000L, null, null, null, null, null), null, price("gpt-5"));

        assertThat(cost.status()).isEqualTo(CostStatus.INCOMPLETE);
        assertThat(cost.breakdown().outputUsd()).isNull();
        assertThat(cost.totalUsd()).isNull();
        assertThat(cost.computedUsd()).isNull();
        assertThat(cost.breakdown().inputUsd()).isEqualByComparingTo("0.00125");
    }

    @Test
    void shouldLeaveInputCostAndTotalNullWhenTheInputCountIsUnknown() {
        // 100 out × 0.00001 = 0.001
        TurnCost cost = CostEngine.price(usage(null, 100L, null, null, null, null), null, price("gpt-5"));

        assertThat(cost.status()).isEqualTo(CostStatus.INCOMPLETE);
        assertThat(cost.breakdown().inputUsd()).isNull();
        assertThat(cost.totalUsd()).isNull();
        assertThat(cost.breakdown().outputUsd()).isEqualByComparingTo("0.001");
    }

    @Test
    void shouldNotGuessTheOutputRateOfATieredModelWhenTheInputCountIsUnknown() {
        // claude-sonnet-4-5's output rate depends on the prompt size, which is unknown
        TurnCost cost = CostEngine.price(usage(null, 1_000L, null, null, null, null), null,
                price("claude-sonnet-4-5"));

        assertThat(cost.status()).isEqualTo(CostStatus.INCOMPLETE);
        assertThat(cost.breakdown().outputUsd()).isNull();
        assertThat(cost.tierAboveTokens()).isNull();
    }

    @Test
    void shouldLetAReportedCostWinAndKeepTheComputedOne() {
        // computed as in the gpt-5 case above: 0.0335
        TurnCost cost = CostEngine.price(usage(10_000L, 3_000L, 8_000L, null, null, null), new BigDecimal("0.05"),
                price("gpt-5"));

        assertThat(cost.status()).isEqualTo(CostStatus.REPORTED);
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.05");
        assertThat(cost.computedUsd()).isEqualByComparingTo("0.0335");
    }

    @Test
    void shouldTakeAReportedCostForAnUnknownModel() {
        TurnCost cost = CostEngine.price(usage(10L, 10L, null, null, null, null), new BigDecimal("0.002"),
                price("no-such-model-anywhere"));

        assertThat(cost.status()).isEqualTo(CostStatus.REPORTED);
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.002");
        assertThat(cost.computedUsd()).isNull();
    }

    @Test
    void shouldPriceOneHourCacheWritesAtTheirOwnRate() {
        // claude-sonnet-4-5: input 3e-06, cache write 3.75e-06, 1-hour write 6e-06, output 1.5e-05
        // 50,000 × 0.000003 = 0.15; 10,000 × 0.00000375 = 0.0375; 40,000 × 0.000006 = 0.24;
        // 1,000 × 0.000015 = 0.015; total 0.4425
        TurnCost cost = CostEngine.price(usage(100_000L, 1_000L, null, 10_000L, 40_000L, null), null,
                price("claude-sonnet-4-5"));

        assertThat(cost.breakdown().cacheWrite1hUsd()).isEqualByComparingTo("0.24");
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.4425");
        assertThat(cost.substitutedRates()).isEmpty();
    }

    @Test
    void shouldPriceOneHourCacheWritesAtTheTieredOneHourRateAbove200k() {
        // claude-sonnet-4-5 above 200k: input 6e-06, 1-hour write 1.2e-05
        // 210,000 × 0.000006 = 1.26; 40,000 × 0.000012 = 0.48; total 1.74
        TurnCost cost = CostEngine.price(usage(250_000L, 0L, null, null, 40_000L, null), null,
                price("claude-sonnet-4-5"));

        assertThat(cost.breakdown().cacheWrite1hUsd()).isEqualByComparingTo("0.48");
        assertThat(cost.totalUsd()).isEqualByComparingTo("1.74");
    }

    @Test
    void shouldFallBackToTheFiveMinuteWriteRateForOneHourWritesWithoutAnOwnRate() {
        // claude-4-sonnet-20250514 has no 1-hour rate; 5-minute write 3.75e-06: 10,000 × 0.00000375 = 0.0375
        TurnCost cost = CostEngine.price(usage(10_000L, 0L, null, null, 10_000L, null), null,
                price("claude-4-sonnet-20250514"));

        assertThat(cost.breakdown().cacheWrite1hUsd()).isEqualByComparingTo("0.0375");
        assertThat(cost.substitutedRates()).containsExactly(CostComponent.CACHE_WRITE_1H);
    }

    @Test
    void shouldPriceReasoningSeparatelyWhenTheModelHasItsOwnReasoningRate() {
        // dashscope/qwen-turbo: input 5e-08, output 2e-07, reasoning 5e-07
        // 1,000 × 0.00000005 = 0.00005; (3,000 − 2,000) × 0.0000002 = 0.0002; 2,000 × 0.0000005 = 0.001
        TurnCost cost = CostEngine.price(usage(1_000L, 3_000L, null, null, null, 2_000L), null,
                price("dashscope/qwen-turbo"));

        assertThat(cost.breakdown().reasoningUsd()).isEqualByComparingTo("0.001");
        assertThat(cost.breakdown().outputUsd()).isEqualByComparingTo("0.0002");
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.00125");
    }

    @Test
    void shouldPriceReasoningAsOutputWhenTheModelHasNoReasoningRate() {
        // gpt-5 has no reasoning rate: all 3,000 output tokens × 0.00001 = 0.03
        TurnCost cost = CostEngine.price(usage(0L, 3_000L, null, null, null, 2_000L), null, price("gpt-5"));

        assertThat(cost.breakdown().outputUsd()).isEqualByComparingTo("0.03");
        assertThat(cost.breakdown().reasoningUsd()).isEqualByComparingTo("0");
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.03");
    }

    @Test
    void shouldPriceAllOutputAtTheOutputRateWhenTheReasoningCountIsUnknown() {
        // dashscope/qwen-turbo, reasoning not reported: 3,000 × 0.0000002 = 0.0006
        TurnCost cost = CostEngine.price(usage(0L, 3_000L, null, null, null, null), null,
                price("dashscope/qwen-turbo"));

        assertThat(cost.status()).isEqualTo(CostStatus.PRICED);
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.0006");
    }

    @Test
    void shouldTakeUnreportedCacheCountsAsNoCacheUse() {
        // gpt-5, no cache figures: all 10,000 prompt tokens uncached × 0.00000125 = 0.0125
        TurnCost cost = CostEngine.price(usage(10_000L, 0L, null, null, null, null), null, price("gpt-5"));

        assertThat(cost.status()).isEqualTo(CostStatus.PRICED);
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.0125");
        assertThat(cost.breakdown().cacheReadUsd()).isEqualByComparingTo("0");
    }

    @Test
    void shouldPriceCacheReadsAtTheInputRateWhenTheModelHasNoCacheReadRate() {
        // gpt-4: input 3e-05, no cache-read rate: 600 × 0.00003 = 0.018; 400 × 0.00003 = 0.012; total 0.03
        TurnCost cost = CostEngine.price(usage(1_000L, 0L, 400L, null, null, null), null, price("gpt-4"));

        assertThat(cost.totalUsd()).isEqualByComparingTo("0.03");
        assertThat(cost.substitutedRates()).containsExactly(CostComponent.CACHE_READ);
    }

    @Test
    void shouldMarkContradictoryCountsIncompleteInsteadOfGuessing() {
        // 200 cache reads cannot be part of a 100-token prompt
        TurnCost cost = CostEngine.price(usage(100L, 10L, 200L, null, null, null), null, price("gpt-5"));

        assertThat(cost.status()).isEqualTo(CostStatus.INCOMPLETE);
        assertThat(cost.breakdown().inputUsd()).isNull();
        assertThat(cost.totalUsd()).isNull();
    }

    @Test
    void shouldMarkATurnIncompleteWhenTheModelHasNoRateForAPartItUsed() {
        // twelvelabs.pegasus-1-2-v1:0 is priced per video second on input; output 7.5e-06: 10 × 0.0000075
        TurnCost cost = CostEngine.price(usage(100L, 10L, null, null, null, null), null,
                price("twelvelabs.pegasus-1-2-v1:0"));

        assertThat(cost.status()).isEqualTo(CostStatus.INCOMPLETE);
        assertThat(cost.breakdown().inputUsd()).isNull();
        assertThat(cost.breakdown().outputUsd()).isEqualByComparingTo("0.000075");
    }

    @Test
    void shouldPickTheTieredPricingRangeByPromptSize() {
        // dashscope/qwen3-coder-plus, range (32k, 128k]: input 1.8e-06, output 9e-06
        // 100,000 × 0.0000018 = 0.18; 1,000 × 0.000009 = 0.009; total 0.189
        TurnCost cost = CostEngine.price(usage(100_000L, 1_000L, null, null, null, null), null,
                price("dashscope/qwen3-coder-plus"));

        assertThat(cost.totalUsd()).isEqualByComparingTo("0.189");
        assertThat(cost.tierAboveTokens()).isEqualTo(32_000L);
    }

    @Test
    void shouldRecordThePriceVersionOnEveryPricedResult() {
        Optional<ModelPrice> gpt5 = price("gpt-5");

        TurnCost priced = CostEngine.price(usage(10L, 10L, null, null, null, null), null, gpt5);
        TurnCost incomplete = CostEngine.price(usage(10L, null, null, null, null, null), null, gpt5);
        TurnCost reported = CostEngine.price(usage(10L, 10L, null, null, null, null), BigDecimal.ONE, gpt5);

        assertThat(priced.priceVersion()).isEqualTo(SHIPPED_VERSION);
        assertThat(incomplete.priceVersion()).isEqualTo(SHIPPED_VERSION);
        assertThat(reported.priceVersion()).isEqualTo(SHIPPED_VERSION);
        assertThat(priced.pricedModel()).isEqualTo("gpt-5");
    }

    @Test
    void shouldPriceATurnEventAtItsTenantProviderModelAndTime() {
        // "anthropic/claude-sonnet-4-5" resolves to claude-sonnet-4-5: 1,000 × 0.000003 + 100 × 0.000015 = 0.0045
        TurnEvent event = new TurnEvent(1, "acme", "e-1", AT, "s-1", "anthropic/claude-sonnet-4-5", "anthropic",
                null, null, null, null, null, null, null, null, null, null,
                usage(1_000L, 100L, null, null, null, null), null, null, null, null, null, null, null, null);

        TurnCost cost = CostEngine.price(event, BOOK);

        assertThat(cost.pricedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.0045");
    }

    @Test
    void shouldWriteACostAsSnakeCaseJsonWithExactDecimals() throws Exception {
        TurnCost cost = CostEngine.price(usage(10_000L, 3_000L, 8_000L, null, null, null), null, price("gpt-5"));

        String json = Json.mapper().writeValueAsString(cost);
        JsonNode node = Json.mapper().readTree(json);

        assertThat(node.get("status").asText()).isEqualTo("priced");
        assertThat(node.get("total_usd").decimalValue()).isEqualByComparingTo("0.0335");
        assertThat(node.get("breakdown").get("cache_read_usd").decimalValue()).isEqualByComparingTo("0.001");
        assertThat(node.get("breakdown").has("cache_write_1h_usd")).isTrue();
        assertThat(Json.mapper().readValue(json, TurnCost.class)).isEqualTo(cost);
    }
}
