package io.agentmeter.cli.importer;

import static io.agentmeter.cli.importer.JsonFields.count;
import static io.agentmeter.cli.importer.JsonFields.object;
import static io.agentmeter.cli.importer.JsonFields.orZero;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.event.Usage;

/**
 * Provider usage objects to the turn event's {@link Usage} (OpenTelemetry GenAI semantics: input includes cache
 * reads and writes, reasoning is part of output). Each count the provider did not report stays null.
 */
final class UsageMapping {

    private UsageMapping() {
    }

    /**
     * Anthropic Messages API {@code usage}. Anthropic's {@code input_tokens} excludes cache reads and writes, so
     * input = input_tokens + cache_read_input_tokens + cache_creation_input_tokens. Cache writes are split by
     * {@code cache_creation.ephemeral_1h_input_tokens} when given: those at the 1-hour rate, the rest of
     * {@code cache_creation_input_tokens} at the 5-minute rate.
     *
     * @param name the path of {@code usage} for problems, e.g. {@code message.usage}
     */
    static Usage anthropic(JsonNode usage, String name) throws BadLineException {
        Long input = count(usage, "input_tokens", name + ".input_tokens");
        Long output = count(usage, "output_tokens", name + ".output_tokens");
        Long cacheRead = count(usage, "cache_read_input_tokens", name + ".cache_read_input_tokens");
        Long cacheCreation = count(usage, "cache_creation_input_tokens", name + ".cache_creation_input_tokens");
        JsonNode split = object(usage, "cache_creation");
        Long fiveMinutes = split == null ? null
                : count(split, "ephemeral_5m_input_tokens", name + ".cache_creation.ephemeral_5m_input_tokens");
        Long oneHour = split == null ? null
                : count(split, "ephemeral_1h_input_tokens", name + ".cache_creation.ephemeral_1h_input_tokens");
        if (cacheCreation == null && (fiveMinutes != null || oneHour != null)) {
            cacheCreation = orZero(fiveMinutes) + orZero(oneHour);
        }
        Long write5m = cacheCreation;
        Long write1h = null;
        if (oneHour != null && cacheCreation != null) {
            if (oneHour > cacheCreation) {
                throw new BadLineException(name + ".cache_creation.ephemeral_1h_input_tokens (" + oneHour
                        + ") exceeds " + name + ".cache_creation_input_tokens (" + cacheCreation + ")");
            }
            write1h = oneHour;
            write5m = cacheCreation - oneHour;
        }
        Long allInput = input == null ? null : input + orZero(cacheRead) + orZero(cacheCreation);
        return new Usage(allInput, output, cacheRead, write5m, write1h, null, null);
    }

    /**
     * OpenAI Chat Completions {@code usage}: {@code prompt_tokens} already includes
     * {@code prompt_tokens_details.cached_tokens}, {@code completion_tokens} already includes
     * {@code completion_tokens_details.reasoning_tokens}. DeepSeek's {@code prompt_cache_hit_tokens} is read as the
     * cache reads when OpenAI's field is absent; OpenRouter's {@code prompt_tokens_details.cache_write_tokens} as
     * cache writes.
     */
    static Usage openAiChat(JsonNode usage, String name) throws BadLineException {
        Long input = count(usage, "prompt_tokens", name + ".prompt_tokens");
        Long output = count(usage, "completion_tokens", name + ".completion_tokens");
        JsonNode promptDetails = object(usage, "prompt_tokens_details");
        JsonNode completionDetails = object(usage, "completion_tokens_details");
        Long cached = promptDetails == null ? null
                : count(promptDetails, "cached_tokens", name + ".prompt_tokens_details.cached_tokens");
        if (cached == null) {
            cached = count(usage, "prompt_cache_hit_tokens", name + ".prompt_cache_hit_tokens");
        }
        Long cacheWrite = promptDetails == null ? null
                : count(promptDetails, "cache_write_tokens", name + ".prompt_tokens_details.cache_write_tokens");
        Long reasoning = completionDetails == null ? null
                : count(completionDetails, "reasoning_tokens", name + ".completion_tokens_details.reasoning_tokens");
        Long total = count(usage, "total_tokens", name + ".total_tokens");
        return new Usage(input, output, cached, cacheWrite, null, reasoning, total);
    }

    /**
     * OpenAI Responses API {@code usage}: {@code input_tokens} includes {@code input_tokens_details.cached_tokens},
     * {@code output_tokens} includes {@code output_tokens_details.reasoning_tokens}.
     */
    static Usage openAiResponses(JsonNode usage, String name) throws BadLineException {
        Long input = count(usage, "input_tokens", name + ".input_tokens");
        Long output = count(usage, "output_tokens", name + ".output_tokens");
        JsonNode inputDetails = object(usage, "input_tokens_details");
        JsonNode outputDetails = object(usage, "output_tokens_details");
        Long cached = inputDetails == null ? null
                : count(inputDetails, "cached_tokens", name + ".input_tokens_details.cached_tokens");
        Long reasoning = outputDetails == null ? null
                : count(outputDetails, "reasoning_tokens", name + ".output_tokens_details.reasoning_tokens");
        Long total = count(usage, "total_tokens", name + ".total_tokens");
        return new Usage(input, output, cached, null, null, reasoning, total);
    }

    /**
     * Codex CLI {@code token_count} usage (OpenAI semantics, flattened): {@code input_tokens} includes
     * {@code cached_input_tokens}, {@code output_tokens} includes {@code reasoning_output_tokens}
     * ({@code total_tokens} = input + output in every real file).
     */
    static Usage codex(JsonNode usage, String name) throws BadLineException {
        return new Usage(
                count(usage, "input_tokens", name + ".input_tokens"),
                count(usage, "output_tokens", name + ".output_tokens"),
                count(usage, "cached_input_tokens", name + ".cached_input_tokens"),
                null,
                null,
                count(usage, "reasoning_output_tokens", name + ".reasoning_output_tokens"),
                count(usage, "total_tokens", name + ".total_tokens"));
    }

    /** {@code later - earlier} count by count (a count unknown on either side stays unknown). */
    static Usage delta(Usage later, Usage earlier) {
        return new Usage(
                minus(later.inputTokens(), earlier.inputTokens()),
                minus(later.outputTokens(), earlier.outputTokens()),
                minus(later.cacheReadTokens(), earlier.cacheReadTokens()),
                minus(later.cacheWriteTokens(), earlier.cacheWriteTokens()),
                minus(later.cacheWrite1hTokens(), earlier.cacheWrite1hTokens()),
                minus(later.reasoningTokens(), earlier.reasoningTokens()),
                minus(later.totalTokens(), earlier.totalTokens()));
    }

    private static Long minus(Long a, Long b) {
        return a == null || b == null ? null : a - b;
    }

    /** True when no count at all is known. */
    static boolean isEmpty(Usage usage) {
        return usage.inputTokens() == null && usage.outputTokens() == null && usage.cacheReadTokens() == null
                && usage.cacheWriteTokens() == null && usage.cacheWrite1hTokens() == null
                && usage.reasoningTokens() == null && usage.totalTokens() == null;
    }
}
