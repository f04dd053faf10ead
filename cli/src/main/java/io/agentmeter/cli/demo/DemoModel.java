package io.agentmeter.cli.demo;

/**
 * A model the demo agents call: named as in the shipped price book, with what shapes its turns.
 *
 * @param provider        OpenTelemetry provider name sent with the turn ({@code anthropic}, {@code openai},
 *                        {@code gcp.gemini})
 * @param model           the model, as the provider names it (a price-book key with or without the provider prefix)
 * @param contextWindow   prompt tokens it accepts
 * @param reasoning       whether it reports reasoning tokens (part of output)
 * @param cache           how the provider caches prompts and reports it
 * @param tokensPerSecond output speed
 * @param firstTokenMs    median time to the first token
 * @param verbosity       relative length of its answers (1 = the role's median)
 */
public record DemoModel(String provider, String model, long contextWindow, boolean reasoning, CacheStyle cache,
                        double tokensPerSecond, long firstTokenMs, double verbosity) {

    /** How a provider caches prompts and what it reports. */
    public enum CacheStyle {
        /** Anthropic: explicit breakpoints; reports cache reads and 5-minute / 1-hour cache writes. */
        ANTHROPIC,
        /** OpenAI: automatic prefix caching in 128-token steps above 1,024 tokens; reports reads only. */
        OPENAI,
        /** Gemini: implicit caching; reports reads only. */
        GEMINI
    }
}
