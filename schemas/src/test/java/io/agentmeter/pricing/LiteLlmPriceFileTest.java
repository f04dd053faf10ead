package io.agentmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading LiteLLM's price format, against the shipped snapshot. */
class LiteLlmPriceFileTest {

    private static final LiteLlmPriceFile SHIPPED = LiteLlmPriceFile.readShipped(Instant.EPOCH);
    private static final Map<String, ModelPrice> BY_NAME = SHIPPED.prices().stream()
            .collect(Collectors.toMap(ModelPrice::model, Function.identity()));

    @Test
    void shouldNameTheShippedVersionAfterTheFilesHash() {
        // sha256 from litellm-model-prices.SOURCE.md
        assertThat(SHIPPED.sha256()).isEqualTo("4c6858bb791bd06e91e767670a58e088190f19579d11785217aa418edfd4fe51");
        assertThat(SHIPPED.version()).isEqualTo("litellm@4c6858bb791b");
    }

    @Test
    void shouldAccountForEveryEntryOfTheShippedFile() {
        // 2,982 model entries + sample_spec + fallback_generalizations; 443 models have no per-token rate
        assertThat(SHIPPED.entries()).isEqualTo(2_984);
        assertThat(SHIPPED.prices()).hasSize(2_539);
        assertThat(SHIPPED.skipped()).hasSize(445);
    }

    @Test
    void shouldSkipSampleSpecAndTheRoutingRules() {
        assertThat(SHIPPED.skipped()).containsKeys("sample_spec", "fallback_generalizations");
        assertThat(BY_NAME).doesNotContainKeys("sample_spec", "fallback_generalizations");
    }

    @Test
    void shouldSkipModelsWithoutAnyPerTokenRate() {
        // dall-e-3 is priced per image only
        assertThat(SHIPPED.skipped()).containsEntry("dall-e-3", LiteLlmPriceFile.SKIP_NO_TOKEN_RATE);
    }

    @Test
    void shouldReadRatesExactlyFromTheJsonText() {
        // "cache_read_input_token_cost": 3.625e-09, "input_cost_per_token": 1.25e-06
        assertThat(BY_NAME.get("deepseek-v4-pro").rates().cacheRead())
                .isEqualByComparingTo(new BigDecimal("0.000000003625"));
        assertThat(BY_NAME.get("gpt-5").rates().input()).isEqualByComparingTo(new BigDecimal("0.00000125"));
    }

    @Test
    void shouldKeepTheProviderAndLeaveAbsentRatesNull() {
        ModelPrice gpt5 = BY_NAME.get("gpt-5");

        assertThat(gpt5.provider()).isEqualTo("openai");
        assertThat(gpt5.rates().cacheWrite()).isNull();
        assertThat(gpt5.rates().reasoning()).isNull();
    }

    @Test
    void shouldIgnoreServiceTierVariants() {
        // gpt-5 has _priority and _flex rates, and no long-context tier
        ModelPrice gpt5 = BY_NAME.get("gpt-5");

        assertThat(gpt5.tiers()).isEmpty();
        assertThat(gpt5.rates().output()).isEqualByComparingTo("0.00001");
    }

    @Test
    void shouldReadEveryRateOfALongContextTier() {
        PriceTier tier = BY_NAME.get("claude-sonnet-4-5").tiers().get(0);

        assertThat(tier.aboveInputTokens()).isEqualTo(200_000L);
        assertThat(tier.rates().input()).isEqualByComparingTo("0.000006");
        assertThat(tier.rates().output()).isEqualByComparingTo("0.0000225");
        assertThat(tier.rates().cacheRead()).isEqualByComparingTo("0.0000006");
        assertThat(tier.rates().cacheWrite()).isEqualByComparingTo("0.0000075");
        assertThat(tier.rates().cacheWrite1h()).isEqualByComparingTo("0.000012");
    }

    @Test
    void shouldReadTierThresholdsOtherThan200k() {
        assertThat(BY_NAME.get("gemini/gemini-1.5-flash").tiers().get(0).aboveInputTokens()).isEqualTo(128_000L);
        assertThat(BY_NAME.get("azure_ai/gpt-5.4").tiers().get(0).aboveInputTokens()).isEqualTo(272_000L);
        assertThat(BY_NAME.get("minimax/MiniMax-M3").tiers().get(0).aboveInputTokens()).isEqualTo(512_000L);
    }

    @Test
    void shouldTurnTieredPricingRangesIntoBaseRatesAndTiers() {
        // dashscope/qwen3-coder-plus ranges start at 0, 32k, 128k, 256k; the first range's input is 1e-06
        ModelPrice price = BY_NAME.get("dashscope/qwen3-coder-plus");

        assertThat(price.rates().input()).isEqualByComparingTo("0.000001");
        assertThat(price.tiers()).extracting(PriceTier::aboveInputTokens)
                .containsExactly(32_000L, 128_000L, 256_000L);
    }

    @Test
    void shouldReadDeepSeeksCacheHitRateAsTheCacheReadRate() {
        // deepseek/deepseek-r1 has only "input_cost_per_token_cache_hit": 1.4e-07
        assertThat(BY_NAME.get("deepseek/deepseek-r1").rates().cacheRead()).isEqualByComparingTo("0.00000014");
    }

    @Test
    void shouldSkipAnEntryWithAnInvalidRateAndKeepTheRest() {
        byte[] json = """
                {"good": {"input_cost_per_token": "3e-7", "output_cost_per_token": 1e-06},
                 "bad": {"input_cost_per_token": -1e-06}}
                """.getBytes(StandardCharsets.UTF_8);

        LiteLlmPriceFile file = LiteLlmPriceFile.parse(json, Instant.EPOCH, "test");

        assertThat(file.prices()).extracting(ModelPrice::model).containsExactly("good");
        assertThat(file.prices().get(0).rates().input()).isEqualByComparingTo("0.0000003");
        assertThat(file.skipped().get("bad")).startsWith(LiteLlmPriceFile.SKIP_INVALID)
                .contains("input_cost_per_token");
    }
}
