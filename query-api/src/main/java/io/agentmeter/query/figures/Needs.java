package io.agentmeter.query.figures;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which figures a query must compute: turns and errors always; the token kinds, cost and durations only when the answer
 * shows them, so a cost series does not add up fourteen token columns it throws away. Figures not computed are left at
 * zero/null and never shown.
 */
public record Needs(Set<TokenKind> tokens, boolean cost, boolean duration, boolean sketches) {

    public static final Needs ALL = new Needs(EnumSet.allOf(TokenKind.class), true, true, false);

    public Needs {
        tokens = tokens.isEmpty() ? EnumSet.noneOf(TokenKind.class) : EnumSet.copyOf(tokens);
    }

    public Needs withSketches(boolean wanted) {
        return new Needs(tokens, cost, duration, wanted);
    }

    /** What {@code metric} reads. */
    public static Needs of(Metric metric) {
        Set<TokenKind> none = EnumSet.noneOf(TokenKind.class);
        return switch (metric) {
            case COST -> new Needs(none, true, false, false);
            case TURNS, ERRORS -> new Needs(none, false, false, false);
            case LATENCY_P50, LATENCY_P95, LATENCY_P99 -> new Needs(none, false, true, true);
            case OUTPUT_TOKENS_PER_SECOND -> new Needs(EnumSet.of(TokenKind.OUTPUT), false, true, false);
            case INPUT_TOKENS -> new Needs(EnumSet.of(TokenKind.INPUT), false, false, false);
            case OUTPUT_TOKENS -> new Needs(EnumSet.of(TokenKind.OUTPUT), false, false, false);
            case CACHE_READ_TOKENS -> new Needs(EnumSet.of(TokenKind.CACHE_READ), false, false, false);
            case CACHE_WRITE_TOKENS -> new Needs(EnumSet.of(TokenKind.CACHE_WRITE), false, false, false);
            case CACHE_WRITE_1H_TOKENS -> new Needs(EnumSet.of(TokenKind.CACHE_WRITE_1H), false, false, false);
            case REASONING_TOKENS -> new Needs(EnumSet.of(TokenKind.REASONING), false, false, false);
            case TOTAL_TOKENS -> new Needs(EnumSet.of(TokenKind.TOTAL), false, false, false);
        };
    }
}
