package io.agentmeter.query.figures;

import io.agentmeter.schema.rollup.LatencySketch;
import java.math.BigDecimal;

/**
 * The figures of a set of turns, summed from rollup rows and turn rows alike, and mergeable. Mutable; one per
 * (bucket, group) while a query is being answered.
 *
 * <p><b>Missing is not zero.</b> Each token kind keeps its sum over the turns that reported it and how many did
 * (coverage); the sum stays null while coverage is 0. Cost is summed over the turns with a known cost
 * ({@code cost_turns}); unpriced and incomplete turns are counted, never taken as $0.
 */
public final class Figures {

    private static final int KINDS = TokenKind.values().length;

    long turns;
    long errorTurns;
    final Long[] tokens = new Long[KINDS];
    final long[] tokenTurns = new long[KINDS];
    BigDecimal costUsd;
    long costTurns;
    long unpricedTurns;
    long incompleteCostTurns;
    Long durationMsSum;
    long durationTurns;
    LatencySketch latency = LatencySketch.EMPTY;
    Long toolCalls;
    Long toolDurationMs;
    Long toolInputTokens;
    Long toolOutputTokens;

    public Figures() {
    }

    /** Figures read from one aggregate row (see {@link FiguresColumns}). */
    public static Figures of(long turns, long errorTurns, Long[] tokens, long[] tokenTurns, BigDecimal costUsd,
                             long costTurns, long unpricedTurns, long incompleteCostTurns, Long durationMsSum,
                             long durationTurns) {
        Figures f = new Figures();
        f.turns = turns;
        f.errorTurns = errorTurns;
        System.arraycopy(tokens, 0, f.tokens, 0, KINDS);
        System.arraycopy(tokenTurns, 0, f.tokenTurns, 0, KINDS);
        f.costUsd = costUsd;
        f.costTurns = costTurns;
        f.unpricedTurns = unpricedTurns;
        f.incompleteCostTurns = incompleteCostTurns;
        f.durationMsSum = durationMsSum;
        f.durationTurns = durationTurns;
        return f;
    }

    public Figures withLatency(LatencySketch sketch) {
        this.latency = sketch == null ? LatencySketch.EMPTY : sketch;
        return this;
    }

    public Figures withTools(Long calls, Long durationMs, Long inputTokens, Long outputTokens) {
        this.toolCalls = calls;
        this.toolDurationMs = durationMs;
        this.toolInputTokens = inputTokens;
        this.toolOutputTokens = outputTokens;
        return this;
    }

    /**
     * A copy holding only what {@code needs} asks for, the rest left as a query that did not read it leaves it (null
     * sums, zero coverage, no sketch): so figures read with more than a query needs merge with the query's own.
     */
    public Figures only(Needs needs) {
        Figures f = new Figures().merge(this);
        for (TokenKind kind : TokenKind.values()) {
            if (!needs.tokens().contains(kind)) {
                f.tokens[kind.ordinal()] = null;
                f.tokenTurns[kind.ordinal()] = 0;
            }
        }
        if (!needs.cost()) {
            f.costUsd = null;
            f.costTurns = 0;
            f.unpricedTurns = 0;
            f.incompleteCostTurns = 0;
        }
        if (!needs.duration()) {
            f.durationMsSum = null;
            f.durationTurns = 0;
        }
        if (!needs.sketches()) {
            f.latency = LatencySketch.EMPTY;
        }
        return f;
    }

    /** Adds {@code other} into this. */
    public Figures merge(Figures other) {
        turns += other.turns;
        errorTurns += other.errorTurns;
        for (int i = 0; i < KINDS; i++) {
            tokens[i] = add(tokens[i], other.tokens[i]);
            tokenTurns[i] += other.tokenTurns[i];
        }
        costUsd = costUsd == null ? other.costUsd : other.costUsd == null ? costUsd : costUsd.add(other.costUsd);
        costTurns += other.costTurns;
        unpricedTurns += other.unpricedTurns;
        incompleteCostTurns += other.incompleteCostTurns;
        durationMsSum = add(durationMsSum, other.durationMsSum);
        durationTurns += other.durationTurns;
        if (!other.latency.isEmpty()) {
            latency = latency.isEmpty() ? other.latency : latency.merge(other.latency);
        }
        toolCalls = add(toolCalls, other.toolCalls);
        toolDurationMs = add(toolDurationMs, other.toolDurationMs);
        toolInputTokens = add(toolInputTokens, other.toolInputTokens);
        toolOutputTokens = add(toolOutputTokens, other.toolOutputTokens);
        return this;
    }

    public long turns() {
        return turns;
    }

    public long errorTurns() {
        return errorTurns;
    }

    /** The sum over the turns that reported {@code kind}; null when none did. */
    public Long tokens(TokenKind kind) {
        return tokens[kind.ordinal()];
    }

    /** How many turns reported {@code kind}. */
    public long coverage(TokenKind kind) {
        return tokenTurns[kind.ordinal()];
    }

    public BigDecimal costUsd() {
        return costUsd;
    }

    public long costTurns() {
        return costTurns;
    }

    public long unpricedTurns() {
        return unpricedTurns;
    }

    public long incompleteCostTurns() {
        return incompleteCostTurns;
    }

    public Long durationMsSum() {
        return durationMsSum;
    }

    public long durationTurns() {
        return durationTurns;
    }

    public LatencySketch latency() {
        return latency;
    }

    public Long toolCalls() {
        return toolCalls;
    }

    public Long toolDurationMs() {
        return toolDurationMs;
    }

    public Long toolInputTokens() {
        return toolInputTokens;
    }

    public Long toolOutputTokens() {
        return toolOutputTokens;
    }

    /** Error turns over all turns; null when there are no turns. */
    public Double errorRate() {
        return turns == 0 ? null : (double) errorTurns / turns;
    }

    /**
     * Output tokens per second of generation: the output tokens over the summed durations, only when every turn
     * reported both (else null: a partial ratio would mix turns); null also when the durations sum to 0.
     */
    public Double outputTokensPerSecond() {
        Long output = tokens(TokenKind.OUTPUT);
        if (turns == 0 || coverage(TokenKind.OUTPUT) != turns || durationTurns != turns || output == null
                || durationMsSum == null || durationMsSum == 0) {
            return null;
        }
        return output * 1000.0 / durationMsSum;
    }

    /** Latency quantile (0..1) in ms within 1% (DDSketch); null when no turn reported a duration. */
    public Double latencyMs(double quantile) {
        return latency.quantile(quantile);
    }

    private static Long add(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.addExact(a, b));
    }
}
