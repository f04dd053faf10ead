package io.agentmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model-name resolution, effective dating and tenant overrides, against the shipped LiteLLM snapshot. */
class PriceBookTest {

    private static final PriceBook SHIPPED = PriceBook.loadShipped();
    private static final Instant AT = Instant.parse("2026-07-25T12:00:00Z");
    private static final Instant AUGUST = Instant.parse("2026-08-01T00:00:00Z");

    private static String resolve(String provider, String model) {
        return SHIPPED.find(null, provider, model, AT).map(ModelPrice::model).orElse(null);
    }

    private static ModelPrice flat(String tenant, String model, Instant from, String version, String input) {
        return new ModelPrice(tenant, model, null, from, version,
                new TokenRates(new BigDecimal(input), new BigDecimal(input), null, null, null, null), List.of());
    }

    @Test
    void shouldFindAModelByItsExactName() {
        assertThat(resolve(null, "gpt-5")).isEqualTo("gpt-5");
    }

    @Test
    void shouldStripAProviderPrefixTheFileDoesNotUse() {
        // the file has no anthropic/claude-sonnet-4-5 key
        assertThat(resolve(null, "anthropic/claude-sonnet-4-5")).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void shouldQualifyABareNameWithTheTurnsProvider() {
        assertThat(resolve("azure", "gpt-5")).isEqualTo("azure/gpt-5");
    }

    @Test
    void shouldPreferTheProvidersOwnPriceOverTheFirstPartyOne() {
        // azure_ai/deepseek-v4-pro input 1.74e-06 vs deepseek-v4-pro (DeepSeek's own) 4.35e-07
        ModelPrice price = SHIPPED.find(null, "azure_ai", "deepseek-v4-pro", AT).orElseThrow();

        assertThat(price.model()).isEqualTo("azure_ai/deepseek-v4-pro");
        assertThat(price.rates().input()).isEqualByComparingTo("0.00000174");
    }

    @Test
    void shouldFindAModelListedOnlyUnderItsProviderPrefix() {
        // only xai/grok-4 is in the file, no bare grok-4
        assertThat(resolve("xai", "grok-4")).isEqualTo("xai/grok-4");
    }

    @Test
    void shouldNotGuessAProviderThatTheTurnDidNotName() {
        assertThat(resolve(null, "grok-4")).isNull();
    }

    @Test
    void shouldMapOpenTelemetryProviderNamesToLiteLlmPrefixes() {
        assertThat(resolve("x_ai", "grok-4")).isEqualTo("xai/grok-4");
    }

    @Test
    void shouldFallBackToTheBareNameWhenTheProviderHasNoEntryOfItsOwn() {
        // no anthropic/claude-sonnet-4-5 key: the bare (first-party) entry
        assertThat(resolve("anthropic", "claude-sonnet-4-5")).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void shouldQualifyAnAlreadyPrefixedNameWithARoutingProvider() {
        assertThat(resolve("openrouter", "openai/gpt-5")).isEqualTo("openrouter/openai/gpt-5");
    }

    @Test
    void shouldMatchIgnoringCaseWhenNoExactNameMatches() {
        assertThat(resolve(null, "Claude-Sonnet-4-5")).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void shouldBreakACaseInsensitiveTieByTheFirstNameInSortOrder() {
        // the file has together_ai/BAAI/bge-base-en-v1.5 and together_ai/baai/bge-base-en-v1.5; "B" sorts before "b"
        assertThat(resolve(null, "TOGETHER_AI/BAAI/BGE-BASE-EN-V1.5")).isEqualTo("together_ai/BAAI/bge-base-en-v1.5");
    }

    @Test
    void shouldNotTreatSampleSpecOrTheRoutingRulesAsModels() {
        assertThat(SHIPPED.find(null, null, "sample_spec", AT)).isEmpty();
        assertThat(SHIPPED.find(null, null, "fallback_generalizations", AT)).isEmpty();
    }

    @Test
    void shouldApplyANewPriceFromItsEffectiveFromAndTheEarlierOneBefore() {
        PriceBook book = PriceBook.loadShipped();
        book.add(flat(null, "gpt-5", AUGUST, "test-2026-08", "0.000001"));

        assertThat(book.find(null, null, "gpt-5", AUGUST.minusNanos(1)).orElseThrow().version())
                .isEqualTo("litellm@4c6858bb791b");
        assertThat(book.find(null, null, "gpt-5", AUGUST).orElseThrow().version()).isEqualTo("test-2026-08");
        assertThat(book.find(null, null, "gpt-5", AUGUST.plusSeconds(86_400)).orElseThrow().version())
                .isEqualTo("test-2026-08");
    }

    @Test
    void shouldFindNothingBeforeTheFirstVersion() {
        PriceBook book = PriceBook.loadShipped(AUGUST);

        assertThat(book.find(null, null, "gpt-5", AUGUST.minusSeconds(1))).isEmpty();
    }

    @Test
    void shouldLetATenantOverrideWinForThatTenantOnly() {
        PriceBook book = PriceBook.loadShipped();
        book.add(flat("acme", "gpt-5", Instant.EPOCH, "acme-contract", "0.000001"));

        assertThat(book.find("acme", null, "gpt-5", AT).orElseThrow().version()).isEqualTo("acme-contract");
        assertThat(book.find("globex", null, "gpt-5", AT).orElseThrow().version()).isEqualTo("litellm@4c6858bb791b");
        assertThat(book.find(null, null, "gpt-5", AT).orElseThrow().isGlobal()).isTrue();
    }

    @Test
    void shouldUseTheGlobalPriceBeforeATenantOverrideTakesEffect() {
        PriceBook book = PriceBook.loadShipped();
        book.add(flat("acme", "gpt-5", AUGUST, "acme-contract", "0.000001"));

        assertThat(book.find("acme", null, "gpt-5", AUGUST.minusSeconds(1)).orElseThrow().isGlobal()).isTrue();
    }

    @Test
    void shouldLetATenantOverrideWinOverAProviderSpecificGlobalPrice() {
        PriceBook book = PriceBook.loadShipped();
        book.add(flat("acme", "gpt-5", Instant.EPOCH, "acme-contract", "0.000001"));

        assertThat(book.find("acme", "azure", "gpt-5", AT).orElseThrow().version()).isEqualTo("acme-contract");
    }

    @Test
    void shouldApplyTopicRecordsAndWithdrawOnATombstone() {
        PriceBook book = PriceBook.empty();
        ModelPriceUpdate update = ModelPriceUpdate.of(flat("acme", "my-model", AUGUST, "v1", "0.000002"));

        book.apply(update.key().toString(), update);
        assertThat(book.find("acme", null, "my-model", AT.plusSeconds(864_000))).isPresent();

        book.apply("acme|my-model|2026-08-01T00:00:00Z", null);
        assertThat(book.find("acme", null, "my-model", AT.plusSeconds(864_000))).isEmpty();
    }

    @Test
    void shouldReplaceAPriceFiledUnderTheSameTenantModelAndEffectiveFrom() {
        PriceBook book = PriceBook.empty();
        book.add(flat(null, "my-model", AUGUST, "first", "0.000002"));
        book.add(flat(null, "my-model", AUGUST, "correction", "0.000003"));

        assertThat(book.versions(null, "my-model")).extracting(ModelPrice::version).containsExactly("correction");
    }

    @Test
    void shouldLoadAndPriceWithAUserSuppliedFileInTheSameFormat(@TempDir Path dir) throws Exception {
        String json = """
                {
                    "sample_spec": {"input_cost_per_token": 0, "litellm_provider": "one of ..."},
                    "my-model": {
                        "litellm_provider": "acme-ai",
                        "input_cost_per_token": 2e-06,
                        "output_cost_per_token": 8e-06,
                        "cache_read_input_token_cost": 2e-07,
                        "input_cost_per_token_above_128k_tokens": 4e-06
                    },
                    "my-image-model": {"litellm_provider": "acme-ai", "input_cost_per_image": 0.04}
                }
                """;
        Path file = dir.resolve("prices.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));

        PriceBook book = PriceBook.load(file, Instant.EPOCH);
        Optional<ModelPrice> price = book.find(null, "acme-ai", "my-model", AT);
        // 1,000 uncached × 0.000002 = 0.002; 4,000 cached × 0.0000002 = 0.0008; 500 out × 0.000008 = 0.004
        TurnCost cost = CostEngine.price(new Usage(5_000L, 500L, 4_000L, null, null, null, null), null, price);

        assertThat(book.size()).isEqualTo(1);
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.0068");
        assertThat(cost.priceVersion()).isEqualTo("litellm@" + sha.substring(0, 12));
        assertThat(price.orElseThrow().tiers()).extracting(PriceTier::aboveInputTokens).containsExactly(128_000L);
    }
}
