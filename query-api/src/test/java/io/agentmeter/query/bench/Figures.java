package io.agentmeter.query.bench;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import io.agentmeter.schema.rollup.LatencySketch;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A mutable rollup accumulator with the figures of {@code io.agentmeter.schema.rollup.Rollup} (same definitions:
 * token sums over the turns that reported them with coverage, cost over priced/reported turns, unpriced and
 * incomplete counted, durations with a DDSketch of LatencySketch's parameters). The schema's immutable Rollup copies
 * its sketch on every turn; ten million turns times twelve rollups need a mutable one.
 */
final class Figures {

    long turns;
    long errors;
    final long[] sums = new long[7];
    final long[] coverage = new long[7];
    BigDecimal cost;
    long costTurns;
    long unpriced;
    long incomplete;
    long durationSum;
    long durationMin = Long.MAX_VALUE;
    long durationMax = Long.MIN_VALUE;
    long durationTurns;
    DDSketch sketch;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    // tool rollups only
    Long toolCalls;
    Long toolDuration;
    Long toolInput;
    Long toolOutput;

    void add(BenchTurn t) {
        turns++;
        if (t.error) {
            errors++;
        }
        for (int k = 0; k < 7; k++) {
            if (t.tokens[k] != null) {
                sums[k] += t.tokens[k];
                coverage[k]++;
            }
        }
        if (t.costUsd != null) {
            cost = cost == null ? t.costUsd : cost.add(t.costUsd);
            costTurns++;
        }
        if (t.costStatus.equals("unpriced")) {
            unpriced++;
        } else if (t.costStatus.equals("incomplete")) {
            incomplete++;
        }
        if (t.durationMs != null) {
            long d = t.durationMs;
            durationSum += d;
            durationMin = Math.min(durationMin, d);
            durationMax = Math.max(durationMax, d);
            durationTurns++;
            if (sketch == null) {
                sketch = DDSketches.collapsingLowestDense(LatencySketch.RELATIVE_ACCURACY, LatencySketch.MAX_BINS);
            }
            sketch.accept(d);
        }
        firstSeen = Math.min(firstSeen, t.occurredAtMs);
        lastSeen = Math.max(lastSeen, t.occurredAtMs);
    }

    void addTool(Integer calls, Long duration, Long input, Long output) {
        toolCalls = plus(toolCalls, calls == null ? null : calls.longValue());
        toolDuration = plus(toolDuration, duration);
        toolInput = plus(toolInput, input);
        toolOutput = plus(toolOutput, output);
    }

    byte[] sketchBytes() {
        if (sketch == null) {
            return null;
        }
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.trimmedCopy();
    }

    Double quantile(double q) {
        return sketch == null ? null : sketch.getValueAtQuantile(q);
    }

    private static Long plus(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
}
