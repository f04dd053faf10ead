package io.agentmeter.query.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What a series, breakdown or heatmap shows. Each metric has its value (null when unknown) and its coverage: how many
 * turns the value stands on (turns that reported the token kind, turns with a known cost, turns with a duration).
 */
public enum Metric {
    COST("cost", Figures::costUsd, Figures::costTurns, false),
    INPUT_TOKENS("input_tokens", f -> f.tokens(TokenKind.INPUT), f -> f.coverage(TokenKind.INPUT), false),
    OUTPUT_TOKENS("output_tokens", f -> f.tokens(TokenKind.OUTPUT), f -> f.coverage(TokenKind.OUTPUT), false),
    CACHE_READ_TOKENS("cache_read_tokens", f -> f.tokens(TokenKind.CACHE_READ),
            f -> f.coverage(TokenKind.CACHE_READ), false),
    CACHE_WRITE_TOKENS("cache_write_tokens", f -> f.tokens(TokenKind.CACHE_WRITE),
            f -> f.coverage(TokenKind.CACHE_WRITE), false),
    CACHE_WRITE_1H_TOKENS("cache_write_1h_tokens", f -> f.tokens(TokenKind.CACHE_WRITE_1H),
            f -> f.coverage(TokenKind.CACHE_WRITE_1H), false),
    REASONING_TOKENS("reasoning_tokens", f -> f.tokens(TokenKind.REASONING),
            f -> f.coverage(TokenKind.REASONING), false),
    TOTAL_TOKENS("total_tokens", f -> f.tokens(TokenKind.TOTAL), f -> f.coverage(TokenKind.TOTAL), false),
    TURNS("turns", Figures::turns, Figures::turns, false),
    ERRORS("errors", Figures::errorTurns, Figures::turns, false),
    LATENCY_P50("latency_p50_ms", f -> f.latencyMs(0.50), Figures::durationTurns, true),
    LATENCY_P95("latency_p95_ms", f -> f.latencyMs(0.95), Figures::durationTurns, true),
    LATENCY_P99("latency_p99_ms", f -> f.latencyMs(0.99), Figures::durationTurns, true),
    OUTPUT_TOKENS_PER_SECOND("output_tokens_per_second", Figures::outputTokensPerSecond, Figures::turns, false);

    private final String value;
    private final Function<Figures, Object> read;
    private final ToLongFunction<Figures> coverage;
    private final boolean needsSketch;

    Metric(String value, Function<Figures, Object> read, ToLongFunction<Figures> coverage, boolean needsSketch) {
        this.value = value;
        this.read = read;
        this.coverage = coverage;
        this.needsSketch = needsSketch;
    }

    public String value() {
        return value;
    }

    /** The value: BigDecimal for cost, Long for counts, Double for rates and latencies; null when unknown. */
    public Object of(Figures figures) {
        return read.apply(figures);
    }

    public long coverageOf(Figures figures) {
        return coverage.applyAsLong(figures);
    }

    /** Whether the latency sketches must be read. */
    public boolean needsSketch() {
        return needsSketch;
    }

    /** Metrics that add up across groups (for shares in a breakdown); quantiles and rates do not. */
    public boolean isAdditive() {
        return !needsSketch && this != OUTPUT_TOKENS_PER_SECOND;
    }

    public static Optional<Metric> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.value.equals(t)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public static String names() {
        List<String> names = new ArrayList<>();
        for (Metric m : values()) {
            names.add(m.value);
        }
        return String.join(", ", names);
    }
}
