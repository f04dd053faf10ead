package io.agentmeter.pricing;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The parts a turn's cost is made of, each priced at its own per-token rate.
 *
 * <p>{@link #liteLlmField()} is the name LiteLLM's price file gives the base rate of the part; a long-context tier
 * of it is the same name followed by {@code _above_<N>k_tokens}.
 */
public enum CostComponent {
    /** Prompt tokens neither read from nor written to the cache. */
    INPUT("input", "input_cost_per_token"),
    /** Prompt tokens served from the provider's cache. */
    CACHE_READ("cache_read", "cache_read_input_token_cost"),
    /** Prompt tokens written to the cache at the default (5-minute) rate. */
    CACHE_WRITE("cache_write", "cache_creation_input_token_cost"),
    /** Prompt tokens written to the cache at the 1-hour rate. */
    CACHE_WRITE_1H("cache_write_1h", "cache_creation_input_token_cost_above_1hr"),
    /** Generated tokens, less the reasoning tokens when those are priced separately. */
    OUTPUT("output", "output_cost_per_token"),
    /** Reasoning tokens, priced separately only when the model has its own reasoning rate. */
    REASONING("reasoning", "output_cost_per_reasoning_token");

    private final String wireName;
    private final String liteLlmField;

    CostComponent(String wireName, String liteLlmField) {
        this.wireName = wireName;
        this.liteLlmField = liteLlmField;
    }

    /** The snake_case name used in JSON and in PostgreSQL. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The field of LiteLLM's price file that holds this part's base per-token rate. */
    public String liteLlmField() {
        return liteLlmField;
    }
}
