package io.agentmeter.query.figures;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import io.agentmeter.schema.rollup.LatencySketch;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Builds a {@link LatencySketch} from raw durations (turns read from the turns table) with the same parameters as
 * the aggregator's, so quantiles from turns and from rollups agree and merge. One mutable DDSketch is filled and
 * handed over through LatencySketch's byte form, rather than one copy per value.
 */
public final class Sketches {

    /** The SQL aggregate that packs the sketches of rows {@code r} for {@link #mergePacked} (NULLs skipped). */
    public static final String PACKED =
            "string_agg(int4send(length(r.latency_sketch)) || r.latency_sketch, ''::bytea)";

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
     * The merge of many serialized sketches (rollup rows), packed into one byte string by the SQL that reads them
     * ({@link #PACKED}: each encoding preceded by its length, 4 bytes big-endian). One bytea instead of an array of
     * thousands: the driver decodes one hex string rather than building a String per element. Each encoding is
     * decoded straight into one mutable sketch, no sketch or store built per row (LatencySketch.merge would copy its
     * sketch on every call, quadratic over thousands of rows); the encodings carry their index mapping, checked
     * against the merged sketch's (the same parameters).
     */
    public static LatencySketch mergePacked(byte[] packed) {
        if (packed == null || packed.length == 0) {
            return LatencySketch.EMPTY;
        }
        DDSketch merged = newSketch();
        ByteBuffer in = ByteBuffer.wrap(packed);
        while (in.hasRemaining()) {
            int length = in.getInt();
            try {
                merged.decodeAndMergeWith(ByteArrayInput.wrap(packed, in.position(), length));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a DDSketch encoding: " + e.getMessage(), e);
            }
            in.position(in.position() + length);
        }
        return wrap(merged);
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
