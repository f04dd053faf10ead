package io.agentmeter.query.figures;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
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
        DDSketch sketch = newSketch();
        for (long d : durationsMs) {
            sketch.accept(Math.max(0, d));
        }
        return wrap(sketch);
    }

    /**
     * The merge of many serialized sketches (rollup rows), merged into one mutable sketch: LatencySketch.merge copies
     * its sketch on every call, which is quadratic over thousands of rows. Decoded as LatencySketch.fromBytes does.
     */
    public static LatencySketch merge(Object[] serialized) {
        DDSketch merged = null;
        for (Object bytes : serialized) {
            if (bytes == null) {
                continue;
            }
            DDSketch one;
            try {
                one = DDSketch.decode(ByteArrayInput.wrap((byte[]) bytes),
                        () -> new CollapsingLowestDenseStore(LatencySketch.MAX_BINS));
            } catch (IOException e) {
                throw new IllegalArgumentException("not a DDSketch encoding: " + e.getMessage(), e);
            }
            if (merged == null) {
                merged = newSketch();
            }
            merged.mergeWith(one);
        }
        return merged == null ? LatencySketch.EMPTY : wrap(merged);
    }

    private static DDSketch newSketch() {
        return DDSketches.collapsingLowestDense(LatencySketch.RELATIVE_ACCURACY, LatencySketch.MAX_BINS);
    }

    private static LatencySketch wrap(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a latency sketch", e);
        }
        return LatencySketch.fromBytes(out.trimmedCopy());
    }
}
