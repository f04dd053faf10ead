package io.agentmeter.schema.rollup;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A mergeable quantile sketch of turn durations in milliseconds: Datadog's DDSketch ({@code com.datadoghq:sketches-java}),
 * with a relative-error guarantee of {@value #RELATIVE_ACCURACY} on every quantile and at most {@value #MAX_BINS}
 * bins (beyond that the lowest values are collapsed, so high quantiles stay exact to 1%).
 *
 * <p>Immutable: {@link #plus} returns a new sketch. In JSON it is the base64 of {@link #toBytes()}, DDSketch's own
 * binary encoding, which any DDSketch implementation (Java, Go, Python) decodes; PostgreSQL keeps the same bytes in
 * the {@code latency_sketch} column. Merge two with {@link #merge} to get the quantiles of a longer span.
 */
public final class LatencySketch {

    public static final double RELATIVE_ACCURACY = 0.01;
    public static final int MAX_BINS = 2048;
    public static final LatencySketch EMPTY = new LatencySketch(newSketch());

    private final DDSketch sketch;

    private LatencySketch(DDSketch sketch) {
        this.sketch = sketch;
    }

    private static DDSketch newSketch() {
        return DDSketches.collapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);
    }

    /** This sketch with one more duration. */
    public LatencySketch plus(long durationMs) {
        DDSketch copy = sketch.copy();
        copy.accept(Math.max(0, durationMs));
        return new LatencySketch(copy);
    }

    /** The sketch of both spans. */
    public LatencySketch merge(LatencySketch other) {
        DDSketch copy = sketch.copy();
        copy.mergeWith(other.sketch);
        return new LatencySketch(copy);
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    public long count() {
        return Math.round(sketch.getCount());
    }

    /** The value at {@code quantile} (0..1) within 1%, or null when no duration was added. */
    public Double quantile(double quantile) {
        return sketch.isEmpty() ? null : sketch.getValueAtQuantile(quantile);
    }

    /** DDSketch's binary encoding. */
    public byte[] toBytes() {
        ByteBuffer buffer = sketch.serialize();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    public static LatencySketch fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return EMPTY;
        }
        try {
            return new LatencySketch(DDSketch.decode(ByteArrayInput.wrap(bytes),
                    () -> new CollapsingLowestDenseStore(MAX_BINS)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DDSketch encoding: " + e.getMessage(), e);
        }
    }

    @JsonValue
    public String toBase64() {
        return Base64.getEncoder().encodeToString(toBytes());
    }

    @JsonCreator
    public static LatencySketch fromBase64(String base64) {
        return base64 == null || base64.isEmpty() ? EMPTY : fromBytes(Base64.getDecoder().decode(base64));
    }

    @Override
    public String toString() {
        return "LatencySketch[count=" + count() + ", p50=" + quantile(0.5) + ", p99=" + quantile(0.99) + "]";
    }
}
