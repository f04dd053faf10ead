package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodexSseEventTest {

    private static final String CONVERSATION = "019c8bfe-ec25-79e0-97d7-bda6a9c575ff";

    @Test
    void shouldMapResponseCompletedWithCountsSentAsStringsOrInts() {
        List<ObjectNode> turns = LogMapping.validTurns(AgentTelemetry.codex(CONVERSATION));
        assertThat(turns).hasSize(1);
        ObjectNode turn = turns.get(0);
        assertThat(turn.get("event_id").textValue()).matches("codex-otlp:[0-9a-f]{32}");
        assertThat(turn.get("session_id").textValue()).isEqualTo(CONVERSATION);
        assertThat(turn.get("conversation_id").textValue()).isEqualTo(CONVERSATION);
        assertThat(turn.get("model").textValue()).isEqualTo("gpt-5.3-codex");
        assertThat(turn.get("agent").textValue()).isEqualTo("codex");
        assertThat(turn.get("user_id").textValue()).isEqualTo("user-Kq3L0wXg7bT2");
        assertThat(turn.has("provider")).isFalse();
        assertThat(turn.get("usage").toString()).isEqualTo("{\"input_tokens\":42772,\"output_tokens\":204,"
                + "\"cache_read_tokens\":3456,\"reasoning_tokens\":124,\"total_tokens\":42976}");
    }

    @Test
    void shouldTakeTheTimeFromEventTimestampWhenTimeUnixNanoIsZeroThenFromTheObservedTime() {
        String body = AgentTelemetry.codex(CONVERSATION);
        assertThat(LogMapping.validTurns(body).get(0).get("occurred_at").textValue())
                .isEqualTo(AgentTelemetry.TIME_TEXT);
        String withoutStamp = body.replace("\"event.timestamp\"", "\"event.timestamp.gone\"");
        assertThat(LogMapping.validTurns(withoutStamp).get(0).get("occurred_at").textValue())
                .isEqualTo("2026-02-23T20:35:10.373Z");
        String withoutAny = withoutStamp.replaceAll("\"observedTimeUnixNano\": \"\\d+\"",
                "\"observedTimeUnixNano\": \"0\"");
        assertThat(LogMapping.route(withoutAny).turns().get(0).has("occurred_at")).isFalse();
    }

    @Test
    void shouldIgnoreTheOtherSseEventsByKind() {
        assertThat(LogMapping.route(AgentTelemetry.codex(CONVERSATION)).ignored().byReason())
                .containsExactly(Map.entry("codex.sse_event:response.created", 1L));
    }

    @Test
    void shouldCountOnceTheResponseThatCodex0171LogsTwiceAsCompleted() {
        // Codex 0.171.0 (seen in AgentClisE2EIT): a response.completed with only duration_ms beside the one with the
        // counts. The first is no turn: it would count the response twice, once with no usage at all.
        String body = AgentTelemetry.codex(CONVERSATION);
        String countless = body.replace("\"event.kind\", \"value\": {\"stringValue\": \"response.created\"}",
                "\"event.kind\", \"value\": {\"stringValue\": \"response.completed\"}},\n"
                        + "                     {\"key\": \"duration_ms\", \"value\": {\"stringValue\": \"0\"}");
        assertThat(countless).isNotEqualTo(body);
        LogRouter.Routed routed = LogMapping.route(countless);
        assertThat(routed.turns()).hasSize(1);
        assertThat(routed.turns().get(0).get("usage").get("input_tokens").asLong()).isEqualTo(42772);
        assertThat(routed.ignored().byReason())
                .containsExactly(Map.entry("codex.sse_event:response.completed:no_usage", 1L));
    }

    @Test
    void shouldDeriveTheSameEventIdForTheSameRecordResentInEitherEncoding() {
        String body = AgentTelemetry.codex(CONVERSATION);
        String id = LogMapping.validTurns(body).get(0).get("event_id").textValue();
        ExportLogsServiceRequest request = OtlpCodec.readLogs(body.getBytes(StandardCharsets.UTF_8),
                OtlpEncoding.JSON);
        ExportLogsServiceRequest resent = OtlpCodec.readLogs(request.toByteArray(), OtlpEncoding.PROTOBUF);
        assertThat(new LogRouter().route(resent).turns().get(0).get("event_id").textValue()).isEqualTo(id);
        // Counts as ints instead of strings: still the same response.
        String asInts = body.replace("{\"stringValue\": \"42772\"}", "{\"intValue\": 42772}");
        assertThat(LogMapping.validTurns(asInts).get(0).get("event_id").textValue()).isEqualTo(id);
        // Another response of the same conversation with the same counts, a millisecond later: another turn.
        String later = body.replace(AgentTelemetry.TIME_TEXT, "2026-02-23T20:35:10.124Z");
        assertThat(LogMapping.validTurns(later).get(0).get("event_id").textValue()).isNotEqualTo(id);
        String otherConversation = body.replace(CONVERSATION, "019c8a70-dda7-7f33-98ea-f30553347322");
        assertThat(LogMapping.validTurns(otherConversation).get(0).get("event_id").textValue()).isNotEqualTo(id);
    }

    @Test
    void shouldKeepTheCodexAgentWhateverServiceNameTheCliSetItself() {
        String exec = AgentTelemetry.codex(CONVERSATION).replace("codex_cli_rs", "codex_exec");
        assertThat(LogMapping.validTurns(exec).get(0).get("agent").textValue()).isEqualTo("codex");
    }
}
