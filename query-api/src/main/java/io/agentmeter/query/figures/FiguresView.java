package io.agentmeter.query.figures;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Figures as the API writes them. A token sum is null when no turn reported it, and {@code *_turns} says how many
 * did; {@code cost_usd} is an exact decimal over {@code cost_turns}, null when none had a cost.
 */
@Schema(name = "Figures", description = "Turn figures. Null means unknown (no turn reported it), never 0.")
public record FiguresView(
        long turns,
        long errorTurns,
        @Schema(description = "error_turns / turns; null without turns") Double errorRate,
        Long inputTokens,
        long inputTokensTurns,
        Long outputTokens,
        long outputTokensTurns,
        Long cacheReadTokens,
        long cacheReadTokensTurns,
        Long cacheWriteTokens,
        long cacheWriteTokensTurns,
        @JsonProperty("cache_write_1h_tokens") Long cacheWrite1hTokens,
        @JsonProperty("cache_write_1h_tokens_turns") long cacheWrite1hTokensTurns,
        Long reasoningTokens,
        long reasoningTokensTurns,
        Long totalTokens,
        long totalTokensTurns,
        @Schema(description = "Exact decimal, USD, over cost_turns") BigDecimal costUsd,
        @Schema(description = "Turns with a known cost (priced or reported)") long costTurns,
        @Schema(description = "Turns of a model without a price: cost unknown, not $0") long unpricedTurns,
        @Schema(description = "Turns whose cost could not be computed (a count unknown)") long incompleteCostTurns,
        @Schema(description = "Turns that reported a duration") long durationTurns,
        @Schema(description = "Median duration, ms, within 1%") Double latencyP50Ms,
        Double latencyP95Ms,
        Double latencyP99Ms,
        @Schema(description = "Output tokens per second; only when every turn reported output tokens and duration")
        Double outputTokensPerSecond) {

    public static FiguresView of(Figures f) {
        return new FiguresView(f.turns(), f.errorTurns(), f.errorRate(),
                f.tokens(TokenKind.INPUT), f.coverage(TokenKind.INPUT),
                f.tokens(TokenKind.OUTPUT), f.coverage(TokenKind.OUTPUT),
                f.tokens(TokenKind.CACHE_READ), f.coverage(TokenKind.CACHE_READ),
                f.tokens(TokenKind.CACHE_WRITE), f.coverage(TokenKind.CACHE_WRITE),
                f.tokens(TokenKind.CACHE_WRITE_1H), f.coverage(TokenKind.CACHE_WRITE_1H),
                f.tokens(TokenKind.REASONING), f.coverage(TokenKind.REASONING),
                f.tokens(TokenKind.TOTAL), f.coverage(TokenKind.TOTAL),
                f.costUsd(), f.costTurns(), f.unpricedTurns(), f.incompleteCostTurns(), f.durationTurns(),
                f.latencyMs(0.50), f.latencyMs(0.95), f.latencyMs(0.99), f.outputTokensPerSecond());
    }

    public static final List<String> COLUMNS = List.of("turns", "error_turns", "error_rate",
            "input_tokens", "input_tokens_turns", "output_tokens", "output_tokens_turns",
            "cache_read_tokens", "cache_read_tokens_turns", "cache_write_tokens", "cache_write_tokens_turns",
            "cache_write_1h_tokens", "cache_write_1h_tokens_turns", "reasoning_tokens", "reasoning_tokens_turns",
            "total_tokens", "total_tokens_turns", "cost_usd", "cost_turns", "unpriced_turns",
            "incomplete_cost_turns", "duration_turns", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
            "output_tokens_per_second");

    /** The cells in the order of {@link #COLUMNS}, for CSV. */
    public List<Object> cells() {
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.add(turns);
        cells.add(errorTurns);
        cells.add(errorRate);
        cells.add(inputTokens);
        cells.add(inputTokensTurns);
        cells.add(outputTokens);
        cells.add(outputTokensTurns);
        cells.add(cacheReadTokens);
        cells.add(cacheReadTokensTurns);
        cells.add(cacheWriteTokens);
        cells.add(cacheWriteTokensTurns);
        cells.add(cacheWrite1hTokens);
        cells.add(cacheWrite1hTokensTurns);
        cells.add(reasoningTokens);
        cells.add(reasoningTokensTurns);
        cells.add(totalTokens);
        cells.add(totalTokensTurns);
        cells.add(costUsd);
        cells.add(costTurns);
        cells.add(unpricedTurns);
        cells.add(incompleteCostTurns);
        cells.add(durationTurns);
        cells.add(latencyP50Ms);
        cells.add(latencyP95Ms);
        cells.add(latencyP99Ms);
        cells.add(outputTokensPerSecond);
        return cells;
    }
}
