package io.agentmeter.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.schema.recording.Recording;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private final JsonSerde<Recording> serde = JsonSerde.of(Recording.class);

    @Test
    void shouldReadBackWhatItWrote() {
        Recording recording = new Recording("acme", "rec-1", "user-1", "baseline", null,
                Instant.parse("2026-11-23T10:00:00Z"), null);

        byte[] bytes = serde.serializer().serialize("recordings", recording);

        assertThat(serde.deserializer().deserialize("recordings", bytes)).isEqualTo(recording);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"recording_id\":\"rec-1\"")
                .contains("\"started_at\":\"2026-11-23T10:00:00Z\"").doesNotContain("stopped_at");
    }

    @Test
    void shouldNameTheTopicAndTypeWhenBytesAreNotJson() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("recordings", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic recordings")
                .hasMessageContaining("Recording");
    }

    @Test
    void shouldRejectAJsonNullRatherThanPassANullOn() {
        byte[] jsonNull = "null".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("recordings", jsonNull))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("JSON null");
    }

    @Test
    void shouldKeepATombstoneATombstone() {
        assertThat(serde.deserializer().deserialize("recordings", null)).isNull();
        assertThat(serde.serializer().serialize("recordings", null)).isNull();
    }
}
