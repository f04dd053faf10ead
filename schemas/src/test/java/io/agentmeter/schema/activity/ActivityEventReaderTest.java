package io.agentmeter.schema.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.validation.ActivityPayload;
import io.agentmeter.schema.validation.ReadResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ActivityEventReaderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ActivityEventReader READER = new ActivityEventReader(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldReadBackWhatTheWriterWrote() {
        ActivityEvent event = ActivityEvent.builder().eventId("e-1").occurredAt(Instant.parse("2026-06-01T11:00:00Z"))
                .sessionId("s-1").kind(ActivityKind.TOOL_DECISION).name("Edit").status(ActivityStatus.ACCEPT)
                .durationMs(12L).agent("claude-code").source("claude_code").payload("{\"file\":\"a.txt\"}").build();

        ReadResult<ActivityEvent> read = READER.read(ActivityEventWriter.toBytes(event));

        assertThat(read.event()).contains(event);
        assertThat(ActivityEventWriter.toJson(event)).contains("\"kind\":\"tool_decision\"")
                .contains("\"status\":\"accept\"").doesNotContain("tenant_id");
    }

    @Test
    void shouldCutAnOversizedPayloadRatherThanRejectTheEvent() {
        String big = "p".repeat(200_000);
        String json = "{\"event_id\":\"e\",\"occurred_at\":\"2026-06-01T11:00:00Z\",\"session_id\":\"s\","
                + "\"kind\":\"reply\",\"payload\":\"" + big + "\"}";

        ReadResult<ActivityEvent> read = READER.read(json.getBytes(StandardCharsets.UTF_8));

        assertThat(read.isValid()).as(read.summary()).isTrue();
        String payload = read.event().orElseThrow().payload();
        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ActivityPayload.MAX_BYTES);
        assertThat(payload).endsWith("…[truncated " + (200_000 - payload.indexOf('…')) + " bytes]");
    }

    @Test
    void shouldNameTheFieldAndReasonOfBadInput() {
        ReadResult<ActivityEvent> read = READER.read(("{\"event_id\":\"e\",\"occurred_at\":\"2026-06-01T11:00:00Z\","
                + "\"session_id\":\"s\",\"kind\":\"nap\",\"duration_ms\":\"12\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(read.isValid()).isFalse();
        assertThat(read.summary()).contains("$.kind: must be").contains("$.duration_ms: must be a JSON number");
    }

    @Test
    void shouldRefuseSomethingThatIsNotJson() {
        assertThat(READER.read("nope".getBytes(StandardCharsets.UTF_8)).summary()).startsWith("$: is not valid JSON");
    }
}
