package io.agentmeter.query.figures;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import io.agentmeter.schema.rollup.LatencySketch;
import java.io.IOException;

/**
 * Builds a {@link LatencySketch} from raw durations (turns read from the turns table) with the same parameters as
 * the aggregator's, so quantiles from turns and from rollups agree and merge. One mutable DDSketch is filled and
 * handed over through LatencySketch's byte form, rather than one copy per value.
 */
public final class Sketches {

    private Sketches() {
    }

    public static LatencySketch of(long[] durationsMs) {
        if (durationsMs.length == 0) {
            return LatencySketch.EMPTY;
        }
        DDSketch sketch = DDSketches.collapsingLowestDense(LatencySketch.RELATIVE_ACCURACY, LatencySketch.MAX_BINS);
        for (long d : durationsMs) {
            sketch.accept(Math.max(0, d));
        }
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a latency sketch", e);
        }
        return LatencySketch.fromBytes(out.trimmedCopy());
    }
}
