package io.agentmeter.schema.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An oversized payload is cut with a visible marker, never rejected; a payload that fits is left alone. */
class ActivityPayloadTest {

    @Test
    void shouldLeaveAPayloadThatFits() {
        String text = "x".repeat(ActivityPayload.MAX_BYTES);

        assertThat(ActivityPayload.cut(text)).isSameAs(text);
    }

    @Test
    void shouldCutAnOversizedPayloadWithAMarkerNamingTheBytesCut() {
        String text = "y".repeat(ActivityPayload.MAX_BYTES + 1000);

        String cut = ActivityPayload.cut(text);

        assertThat(bytes(cut)).isLessThanOrEqualTo(ActivityPayload.MAX_BYTES);
        assertThat(cut).matches("y+…\\[truncated \\d+ bytes]");
        int kept = cut.indexOf('…');
        assertThat(cut).endsWith("…[truncated " + (text.length() - kept) + " bytes]");
    }

    @Test
    void shouldNeverSplitACharacter() {
        String text = "😀".repeat(ActivityPayload.MAX_BYTES); // 4 bytes each

        String cut = ActivityPayload.cut(text);

        assertThat(bytes(cut)).isLessThanOrEqualTo(ActivityPayload.MAX_BYTES);
        assertThat(StorableText.problem(cut)).isNull();
        int keptChars = cut.indexOf('…');
        assertThat(cut).endsWith("[truncated " + (bytes(text) - bytes(cut.substring(0, keptChars))) + " bytes]");
    }

    @Test
    void shouldChangeNothingWhenCutAgain() {
        String once = ActivityPayload.cut("é".repeat(ActivityPayload.MAX_BYTES));

        assertThat(ActivityPayload.cut(once)).isEqualTo(once);
    }

    @Test
    void shouldCutTheFieldOfAnEventInPlace() {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("payload", "z".repeat(100_000));

        assertThat(ActivityPayload.cutIn(event)).isTrue();
        assertThat(event.get("payload").textValue()).endsWith("bytes]");
        assertThat(ActivityPayload.cutIn(event)).isFalse();
    }

    @Test
    void shouldCountUtf8LikeJava() {
        String text = "aé€😀";

        assertThat(ActivityPayload.utf8Length(text)).isEqualTo(bytes(text));
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
