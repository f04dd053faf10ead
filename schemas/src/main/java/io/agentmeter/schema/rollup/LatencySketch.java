package io.agentmeter.schema.rollup;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A mergeable quantile sketch of turn durations in milliseconds: Datadog's DDSketch ({@code com.datadoghq:sketches-java}),
 * with a relative-error guarantee of {@value #RELATIVE_ACCURACY} on every quantile and at most {@value #MAX_BINS}
 * bins (beyond that the lowest values are collapsed, so high quantiles stay exact to 1%).
 *
 * <p>Immutable: {@link #plus} returns a new sketch. In JSON it is the base64 of {@link #toBytes()}, DDSketch's compact
 * binary encoding ({@code DDSketch.encode}/{@code DDSketch.decode} of sketches-java, also read by the Go library);
 * PostgreSQL keeps the same bytes in the {@code latency_sketch} column. Merge two with {@link #merge} to get the
 * quantiles of a longer span.
 *
 * <p>Cheap to add to: a few values are kept aside and folded into the sketch only every {@value #PENDING_LIMIT}
 * values, so a rollup that turns are added to one by one (the sink sums a batch's turns so) does not decode and
 * re-encode the whole sketch for each; everything else sees the folded sketch.
 */
public final class LatencySketch {

    public static final double RELATIVE_ACCURACY = 0.01;
    public static final int MAX_BINS = 2048;
    static final int PENDING_LIMIT = 16;
    private static final byte[] NO_BYTES = new byte[0];
    private static final long[] NO_VALUES = new long[0];
    public static final LatencySketch EMPTY = new LatencySketch(NO_BYTES, NO_VALUES);

    /** DDSketch's encoding of the folded values; empty for none. Never modified. */
    private final byte[] encoded;
    /** Values not folded in yet. Never modified. */
    private final long[] pending;
    private DDSketch folded;

    private LatencySketch(byte[] encoded, long[] pending) {
        this.encoded = encoded;
        this.pending = pending;
    }

    private static DDSketch newSketch() {
        return DDSketches.collapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);
    }

    /** This sketch with one more duration. */
    public LatencySketch plus(long durationMs) {
        long value = Math.max(0, durationMs);
        if (pending.length + 1 < PENDING_LIMIT) {
            long[] more = Arrays.copyOf(pending, pending.length + 1);
            more[pending.length] = value;
            return new LatencySketch(encoded, more);
        }
        DDSketch sketch = sketch().copy();
        sketch.accept(value);
        return new LatencySketch(encode(sketch), NO_VALUES);
    }

    /** The sketch of both spans. */
    public LatencySketch merge(LatencySketch other) {
        DDSketch sketch = sketch().copy();
        sketch.mergeWith(other.sketch());
        return new LatencySketch(encode(sketch), NO_VALUES);
    }

    public boolean isEmpty() {
        return encoded.length == 0 && pending.length == 0;
    }

    public long count() {
        return isEmpty() ? 0 : Math.round(sketch().getCount());
    }

    /** The value at {@code quantile} (0..1) within 1%, or null when no duration was added. */
    public Double quantile(double quantile) {
        return isEmpty() ? null : sketch().getValueAtQuantile(quantile);
    }

    /** Every value folded in; decoded once per instance. */
    private synchronized DDSketch sketch() {
        if (folded == null) {
            DDSketch sketch = encoded.length == 0 ? newSketch() : decode(encoded);
            for (long value : pending) {
                sketch.accept(value);
            }
            folded = sketch;
        }
        return folded;
    }

    /** DDSketch's binary encoding, every value folded in. */
    public byte[] toBytes() {
        return pending.length == 0 ? encoded.clone() : encode(sketch());
    }

    public static LatencySketch fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return EMPTY;
        }
        decode(bytes); // validates
        return new LatencySketch(bytes.clone(), NO_VALUES);
    }

    private static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the latency sketch", e);
        }
        return out.trimmedCopy();
    }

    private static DDSketch decode(byte[] bytes) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(MAX_BINS));
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
