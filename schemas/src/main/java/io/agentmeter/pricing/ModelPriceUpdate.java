package io.agentmeter.pricing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The value of a record on the compacted {@code model-prices} topic: a new global price or a tenant's override,
 * in force from {@code effective_from}. Its key is {@link #key()} ({@code tenant|model|effective_from}, see
 * {@link ModelPriceKey}); a null value (tombstone) withdraws the price under that key.
 *
 * <p>JSON (snake_case), e.g.
 * <pre>{@code
 * {"tenant_id": "acme", "model": "claude-sonnet-4-5", "provider": "anthropic",
 *  "effective_from": "2026-08-01T00:00:00Z", "version": "acme-contract-2026-08",
 *  "input_cost_per_token": 2.4e-06, "output_cost_per_token": 1.2e-05,
 *  "cache_read_input_token_cost": 2.4e-07, "cache_creation_input_token_cost": 3e-06,
 *  "cache_creation_input_token_cost_above_1hr": 4.8e-06,
 *  "input_cost_per_token_above_200k_tokens": 4.8e-06, "output_cost_per_token_above_200k_tokens": 1.8e-05}
 * }</pre>
 * {@code tenant_id} is absent or null for a global price. {@code model}, {@code effective_from} (RFC 3339) and
 * {@code version} are required. {@code provider} may also be given as {@code litellm_provider}. The rates use
 * LiteLLM's own field names, long-context tiers and {@code tiered_pricing} included, so an entry of LiteLLM's file
 * can be pasted in as it is and completed with the four fields above; its other fields are ignored. At least one
 * per-token rate is required. Rates are exact decimals; a quoted number is accepted too.
 */
public record ModelPriceUpdate(
        String tenantId,
        String model,
        String provider,
        Instant effectiveFrom,
        String version,
        TokenRates rates,
        List<PriceTier> tiers) {

    public ModelPriceUpdate {
        // ModelPrice holds the rules of a valid price; build one to apply them here too.
        ModelPrice valid = new ModelPrice(tenantId, model, provider, effectiveFrom, version, rates, tiers);
        if (!valid.hasTokenRate()) {
            throw new IllegalArgumentException("a model-prices value needs at least one per-token rate (model "
                    + model + ")");
        }
        new ModelPriceKey(tenantId, model, effectiveFrom);
        tenantId = valid.tenantId();
        provider = valid.provider();
        rates = valid.rates();
        tiers = valid.tiers();
    }

    /** The update that publishes {@code price}. */
    public static ModelPriceUpdate of(ModelPrice price) {
        return new ModelPriceUpdate(price.tenantId(), price.model(), price.provider(), price.effectiveFrom(),
                price.version(), price.rates(), price.tiers());
    }

    /** The price this update puts in the book. */
    public ModelPrice toModelPrice() {
        return new ModelPrice(tenantId, model, provider, effectiveFrom, version, rates, tiers);
    }

    /** The topic key of this value. */
    public ModelPriceKey key() {
        return new ModelPriceKey(tenantId, model, effectiveFrom);
    }

    /**
     * Reads the topic value; throws {@link IllegalArgumentException} naming the missing or invalid field (Jackson
     * wraps it when called through {@code Json.mapper().readValue}).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ModelPriceUpdate fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a model-prices value must be a JSON object");
        }
        String provider = text(node, "provider");
        if (provider == null) {
            provider = text(node, LiteLlmEntry.PROVIDER);
        }
        LiteLlmEntry.Parsed parsed = LiteLlmEntry.parse(node);
        return new ModelPriceUpdate(text(node, "tenant_id"), required(node, "model"), provider,
                instant(node, "effective_from"), required(node, "version"), parsed.rates(), parsed.tiers());
    }

    /** The topic value as JSON, rates under LiteLLM's names, tiers as {@code _above_<N>k_tokens} keys. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        if (tenantId != null) {
            json.put("tenant_id", tenantId);
        }
        json.put("model", model);
        if (provider != null) {
            json.put("provider", provider);
        }
        json.put("effective_from", effectiveFrom.toString());
        json.put("version", version);
        LiteLlmEntry.write(json, rates, tiers);
        return json;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText().isBlank() ? null : value.asText();
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = required(node, field);
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an RFC 3339 date-time with offset, got " + value);
        }
    }
}
