package io.agentmeter.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes the per-token rates of one entry in LiteLLM's price format; shared by the price file and by the
 * {@code model-prices} topic value, so a LiteLLM entry can be pasted into either.
 *
 * <p>Read: the six base rates ({@link CostComponent#liteLlmField()}); {@code input_cost_per_token_cache_hit} as the
 * cache-read rate when {@code cache_read_input_token_cost} is absent (DeepSeek entries); long-context tiers from any
 * {@code <base rate>_above_<N>k_tokens} or {@code _above_<N>_tokens} key; and {@code tiered_pricing} ranges (its
 * lowest range gives the base rates, each higher range a tier above its lower bound). Numbers are taken from the
 * JSON text as exact decimals. Everything else is ignored: service-tier variants ({@code _priority}, {@code _flex},
 * {@code _batches}), audio / image / video / character / per-second / per-query prices, regional multipliers.
 */
final class LiteLlmEntry {

    static final String CACHE_HIT_ALIAS = "input_cost_per_token_cache_hit";
    static final String TIERED_PRICING = "tiered_pricing";
    static final String PROVIDER = "litellm_provider";

    private static final Pattern TIER_KEY = Pattern.compile("^(.+)_above_(\\d{1,12})(k?)_tokens$");
    private static final Map<String, CostComponent> BY_FIELD = Arrays.stream(CostComponent.values())
            .collect(Collectors.toUnmodifiableMap(CostComponent::liteLlmField, Function.identity()));

    /** The rates of one entry; both empty when the entry has no per-token rate at all. */
    record Parsed(TokenRates rates, List<PriceTier> tiers) {
        boolean hasTokenRate() {
            return !rates.isEmpty() || !tiers.isEmpty();
        }
    }

    private LiteLlmEntry() {
    }

    /** Reads the rates of {@code entry}; throws {@link IllegalArgumentException} naming the offending field. */
    static Parsed parse(JsonNode entry) {
        TokenRates base = TokenRates.NONE;
        Map<Long, TokenRates> tiers = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            String name = field.getKey();
            CostComponent component = BY_FIELD.get(name);
            if (component != null) {
                base = base.with(component, rate(name, field.getValue()));
                continue;
            }
            Matcher tierKey = TIER_KEY.matcher(name);
            if (tierKey.matches() && BY_FIELD.containsKey(tierKey.group(1))) {
                BigDecimal rate = rate(name, field.getValue());
                if (rate != null) {
                    long threshold = threshold(name, tierKey.group(2), !tierKey.group(3).isEmpty());
                    tiers.merge(threshold, TokenRates.NONE.with(BY_FIELD.get(tierKey.group(1)), rate),
                            TokenRates::overlay);
                }
            }
        }
        if (base.cacheRead() == null) {
            base = base.with(CostComponent.CACHE_READ, rate(CACHE_HIT_ALIAS, entry.get(CACHE_HIT_ALIAS)));
        }
        List<Range> ranges = ranges(entry.get(TIERED_PRICING));
        if (!ranges.isEmpty()) {
            base = base.overlay(ranges.get(0).rates());
            for (Range range : ranges.subList(1, ranges.size())) {
                tiers.merge(range.start(), range.rates(), TokenRates::overlay);
            }
        }
        List<PriceTier> list = new ArrayList<>();
        tiers.forEach((threshold, rates) -> list.add(new PriceTier(threshold, rates)));
        return new Parsed(base, list);
    }

    /** Writes {@code rates} and {@code tiers} into {@code target} under LiteLLM's field names. */
    static void write(ObjectNode target, TokenRates rates, List<PriceTier> tiers) {
        for (CostComponent component : CostComponent.values()) {
            if (rates.get(component) != null) {
                target.put(component.liteLlmField(), rates.get(component));
            }
        }
        for (PriceTier tier : tiers) {
            long threshold = tier.aboveInputTokens();
            String suffix = threshold % 1000 == 0 ? "_above_" + threshold / 1000 + "k_tokens"
                    : "_above_" + threshold + "_tokens";
            for (CostComponent component : CostComponent.values()) {
                if (tier.rates().get(component) != null) {
                    target.put(component.liteLlmField() + suffix, tier.rates().get(component));
                }
            }
        }
    }

    /** A rate read exactly from the JSON text; null when absent or JSON null. */
    static BigDecimal rate(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        BigDecimal rate;
        if (value.isBigDecimal() || value.isIntegralNumber()) {
            rate = value.decimalValue();
        } else if (value.isNumber() || value.isTextual()) {
            // Any other number node (a mapper without USE_BIG_DECIMAL_FOR_FLOATS) or a quoted number, as LiteLLM's
            // own YAML configs allow: read from its text, never through a binary floating-point value.
            try {
                rate = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " must be a number, got \"" + value.asText() + "\"");
            }
        } else {
            throw new IllegalArgumentException(field + " must be a number, got " + value.getNodeType());
        }
        if (rate.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + rate);
        }
        return rate;
    }

    private static long threshold(String field, String digits, boolean thousands) {
        long value = Long.parseLong(digits);
        long threshold = thousands ? Math.multiplyExact(value, 1000L) : value;
        if (threshold <= 0) {
            throw new IllegalArgumentException(field + " has a threshold of zero tokens");
        }
        return threshold;
    }

    private record Range(long start, TokenRates rates) {
    }

    private static List<Range> ranges(JsonNode tieredPricing) {
        if (tieredPricing == null || tieredPricing.isNull()) {
            return List.of();
        }
        if (!tieredPricing.isArray()) {
            throw new IllegalArgumentException(TIERED_PRICING + " must be an array");
        }
        List<Range> ranges = new ArrayList<>();
        for (JsonNode tier : tieredPricing) {
            TokenRates rates = TokenRates.NONE;
            for (CostComponent component : CostComponent.values()) {
                rates = rates.with(component, rate(TIERED_PRICING + "." + component.liteLlmField(),
                        tier.get(component.liteLlmField())));
            }
            if (rates.cacheRead() == null) {
                rates = rates.with(CostComponent.CACHE_READ,
                        rate(TIERED_PRICING + "." + CACHE_HIT_ALIAS, tier.get(CACHE_HIT_ALIAS)));
            }
            if (rates.isEmpty()) {
                continue; // e.g. per-query search pricing: no token rate to take
            }
            JsonNode range = tier.get("range");
            if (range == null || !range.isArray() || range.size() != 2 || !range.get(0).isNumber()) {
                throw new IllegalArgumentException(TIERED_PRICING + ".range must be [start, end]");
            }
            long start;
            try {
                start = range.get(0).decimalValue().stripTrailingZeros().longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(TIERED_PRICING + ".range start must be a whole number of tokens");
            }
            if (start < 0) {
                throw new IllegalArgumentException(TIERED_PRICING + ".range start must not be negative");
            }
            ranges.add(new Range(start, rates));
        }
        ranges.sort(Comparator.comparingLong(Range::start));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).start() == ranges.get(i - 1).start()) {
                throw new IllegalArgumentException(TIERED_PRICING + " has two ranges starting at "
                        + ranges.get(i).start());
            }
        }
        return ranges;
    }
}
