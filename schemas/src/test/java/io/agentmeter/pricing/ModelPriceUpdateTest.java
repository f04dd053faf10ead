package io.agentmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value and key of the compacted model-prices topic. */
class ModelPriceUpdateTest {

    private static final Instant AUGUST = Instant.parse("2026-08-01T00:00:00Z");

    @Test
    void shouldReadATenantOverrideFromTheTopicValue() throws Exception {
        String json = """
                {"tenant_id": "acme", "model": "gpt-5", "provider": "openai",
                 "effective_from": "2026-08-01T02:00:00+02:00", "version": "acme-contract",
                 "input_cost_per_token": 1e-06, "output_cost_per_token": 8e-06, "cache_read_input_token_cost": 1e-07}
                """;

        ModelPrice price = Json.mapper().readValue(json, ModelPriceUpdate.class).toModelPrice();

        assertThat(price.tenantId()).isEqualTo("acme");
        assertThat(price.effectiveFrom()).isEqualTo(AUGUST);
        assertThat(price.version()).isEqualTo("acme-contract");
        assertThat(price.rates().output()).isEqualByComparingTo("0.000008");
    }

    @Test
    void shouldAcceptAPastedLiteLlmEntry() throws Exception {
        JsonNode file;
        try (InputStream in = getClass().getResourceAsStream(LiteLlmPriceFile.SHIPPED_RESOURCE)) {
            file = Json.mapper().readTree(in);
        }
        ObjectNode entry = ((ObjectNode) file.get("claude-sonnet-4-5")).deepCopy();
        entry.put("model", "claude-sonnet-4-5").put("effective_from", "2026-08-01T00:00:00Z").put("version", "v2");

        ModelPrice pasted = ModelPriceUpdate.fromJson(entry).toModelPrice();
        ModelPrice shipped = PriceBook.loadShipped().find(null, null, "claude-sonnet-4-5", AUGUST).orElseThrow();

        assertThat(pasted.provider()).isEqualTo("anthropic");
        assertThat(pasted.rates()).isEqualTo(shipped.rates());
        assertThat(pasted.tiers()).isEqualTo(shipped.tiers());
    }

    @Test
    void shouldWriteAndReadBackTheSameValue() throws Exception {
        ModelPrice claude = PriceBook.loadShipped().find(null, null, "claude-sonnet-4-5", AUGUST).orElseThrow();
        ModelPriceUpdate update = ModelPriceUpdate.of(claude.withTenant("acme").withEffectiveFrom(AUGUST));

        String json = Json.mapper().writeValueAsString(update);

        assertThat(json).contains("\"input_cost_per_token_above_200k_tokens\"");
        assertThat(Json.mapper().readValue(json, ModelPriceUpdate.class)).isEqualTo(update);
    }

    @Test
    void shouldKeyARecordByTenantModelAndEffectiveFrom() {
        ModelPriceKey tenant = new ModelPriceKey("acme", "gpt-5", AUGUST);
        ModelPriceKey global = new ModelPriceKey(null, "azure/gpt-5", Instant.EPOCH);

        assertThat(tenant.toString()).isEqualTo("acme|gpt-5|2026-08-01T00:00:00Z");
        assertThat(global.toString()).isEqualTo("|azure/gpt-5|1970-01-01T00:00:00Z");
        assertThat(ModelPriceKey.parse(global.toString())).isEqualTo(global);
    }

    @Test
    void shouldRejectAValueWithoutAVersionNamingTheField() {
        ObjectNode json = Json.mapper().createObjectNode()
                .put("model", "gpt-5").put("effective_from", "2026-08-01T00:00:00Z").put("input_cost_per_token", 1);

        assertThatThrownBy(() -> ModelPriceUpdate.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
    }

    @Test
    void shouldRejectAValueWithoutAnyPerTokenRate() {
        assertThatThrownBy(() -> new ModelPriceUpdate(null, "gpt-5", null, AUGUST, "v", TokenRates.NONE, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-token rate");
    }

    @Test
    void shouldRejectAMalformedKey() {
        assertThatThrownBy(() -> ModelPriceKey.parse("gpt-5|2026-08-01T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant|model|effective_from");
    }
}
