package io.agentmeter.query.figures;

import java.util.Locale;
import java.util.Optional;

/**
 * The token counts of a turn. {@link #column()} is the column in {@code turns} and in every rollup table, where the
 * rollups also keep {@code <column>_turns}, the coverage: how many turns reported the count.
 */
public enum TokenKind {
    INPUT("input_tokens"),
    OUTPUT("output_tokens"),
    CACHE_READ("cache_read_tokens"),
    CACHE_WRITE("cache_write_tokens"),
    CACHE_WRITE_1H("cache_write_1h_tokens"),
    REASONING("reasoning_tokens"),
    TOTAL("total_tokens");

    private final String column;

    TokenKind(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** The coverage column of the rollups and the JSON name of the coverage. */
    public String coverage() {
        return column + "_turns";
    }

    public static Optional<TokenKind> byColumn(String name) {
        for (TokenKind kind : values()) {
            if (kind.column.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
