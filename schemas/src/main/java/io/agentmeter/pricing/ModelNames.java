package io.agentmeter.pricing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a turn's {@code provider} and {@code model} are turned into price-book keys; used by
 * {@link PriceBook#find(String, String, String, java.time.Instant)}.
 *
 * <p>The provider is trimmed and lower-cased, and an OpenTelemetry GenAI {@code gen_ai.provider.name} is mapped to
 * the prefix LiteLLM uses for the same service ({@link #PROVIDER_ALIASES}, e.g. {@code aws.bedrock → bedrock}).
 * The candidates, in order, first hit wins:
 * <ol>
 *   <li>{@code provider/model}, when a provider is given and the model does not already start with
 *       {@code provider/} ({@code azure} + {@code gpt-5} → {@code azure/gpt-5});</li>
 *   <li>the model exactly as given;</li>
 *   <li>the model with its first {@code segment/} removed ({@code anthropic/claude-sonnet-4-5} →
 *       {@code claude-sonnet-4-5});</li>
 * </ol>
 * and then the same three again ignoring case (see {@link PriceBook} for ties).
 *
 * <p>Why the provider-qualified name comes before the exact one: LiteLLM files the first-party price under the bare
 * name ({@code gpt-5} is OpenAI's, {@code deepseek-v4-pro} DeepSeek's) and resellers' prices under their prefix, and
 * those differ (in the shipped file {@code azure_ai/deepseek-v4-pro} costs 4× {@code deepseek-v4-pro},
 * {@code azure/gpt-4o-mini} 10% more than {@code gpt-4o-mini}). A turn that says where it ran is priced at that
 * provider's rate; with no provider-specific entry it falls back to the bare (first-party) price.
 */
public final class ModelNames {

    /** OpenTelemetry GenAI provider names that LiteLLM spells differently. Others are used as they are. */
    public static final Map<String, String> PROVIDER_ALIASES = Map.of(
            "aws.bedrock", "bedrock",
            "azure.ai.openai", "azure",
            "azure.ai.inference", "azure_ai",
            "gcp.vertex_ai", "vertex_ai",
            "gcp.gemini", "gemini",
            "mistral_ai", "mistral",
            "x_ai", "xai",
            "ibm.watsonx.ai", "watsonx");

    private ModelNames() {
    }

    /** The provider as a LiteLLM prefix: trimmed, lower-cased, aliased; null when blank. */
    public static String normalizeProvider(String provider) {
        if (provider == null || provider.isBlank()) {
            return null;
        }
        String lower = provider.trim().toLowerCase(Locale.ROOT);
        return PROVIDER_ALIASES.getOrDefault(lower, lower);
    }

    /** The exact-case candidate keys for a turn, in the order they are tried; empty when the model is blank. */
    public static List<String> candidates(String provider, String model) {
        if (model == null || model.isBlank()) {
            return List.of();
        }
        String name = model.trim();
        String prefix = normalizeProvider(provider);
        Set<String> candidates = new LinkedHashSet<>();
        if (prefix != null && !name.toLowerCase(Locale.ROOT).startsWith(prefix + "/")) {
            candidates.add(prefix + "/" + name);
        }
        candidates.add(name);
        int slash = name.indexOf('/');
        if (slash > 0 && slash < name.length() - 1) {
            candidates.add(name.substring(slash + 1));
        }
        return new ArrayList<>(candidates);
    }
}
