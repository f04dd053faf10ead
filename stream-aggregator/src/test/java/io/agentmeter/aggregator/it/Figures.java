package io.agentmeter.aggregator.it;

import java.math.BigDecimal;

/**
 * The figures the end-to-end tests compare for one rollup row: computed independently from the generated turns
 * ({@link Recomputation}) and read back from PostgreSQL ({@link Database}). Money normalised for equality.
 */
record Figures(long turns, long errorTurns, Long inputSum, long inputTurns, Long outputSum, long outputTurns,
               Long cacheReadSum, long cacheReadTurns, BigDecimal costUsd, long costTurns, long unpricedTurns,
               long incompleteTurns, Long durationSum, Long durationMin, Long durationMax, long durationTurns,
               Long toolCalls) {

    Figures {
        costUsd = costUsd == null ? null : costUsd.stripTrailingZeros();
    }
}
