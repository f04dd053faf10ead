package io.agentmeter.query.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.query.figures.Sketches;
import io.agentmeter.schema.rollup.LatencySketch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rollup reads merge thousands of packed sketches at once; the result must be the sketches' own merge. */
class SketchMergeTest {

    @Test
    void shouldMergePackedSketchesAsLatencySketchMergeDoes() {
        SplittableRandom random = new SplittableRandom(3);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        LatencySketch expected = LatencySketch.EMPTY;
        for (int i = 0; i < 300; i++) {
            LatencySketch one = LatencySketch.EMPTY;
            // Rows of very different spreads, some with zero durations.
            int turns = 1 + random.nextInt(40);
            for (int t = 0; t < turns; t++) {
                one = one.plus(random.nextInt(10) == 0 ? 0 : (long) Math.exp(random.nextDouble(1, 12)));
            }
            byte[] bytes = one.toBytes();
            packed.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            packed.writeBytes(bytes);
            expected = expected.merge(one);
        }
        LatencySketch merged = Sketches.mergePacked(packed.toByteArray());
        assertThat(merged.count()).isEqualTo(expected.count());
        for (double q : new double[] {0, 0.01, 0.5, 0.95, 0.99, 1}) {
            assertThat(merged.quantile(q)).as("q" + q).isEqualTo(expected.quantile(q));
        }
    }

    @Test
    void shouldGiveTheEmptySketchWhenNoRowHasOne() {
        // string_agg over rows whose sketches are all NULL is NULL.
        assertThat(Sketches.mergePacked(null).isEmpty()).isTrue();
    }
}
