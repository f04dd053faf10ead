package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogRouterTest {

    @Test
    void shouldIgnoreUnknownEventsAndPlainLogLinesCountingThemByName() {
        LogRouter.Routed routed = LogMapping.route("""
                {"resourceLogs": [{"scopeLogs": [{"logRecords": [
                  {"timeUnixNano": "1", "body": {"stringValue": "GET /health 200"}},
                  {"timeUnixNano": "1", "eventName": "gemini_cli.config"},
                  {"timeUnixNano": "1", "attributes": [{"key": "event.name", "value": {"stringValue": "codex.turn_ttft"}}]},
                  {"timeUnixNano": "1", "attributes": [{"key": "event.name", "value": {"stringValue": "codex.turn_ttft"}}]},
                  {"timeUnixNano": "1"},
                  {"timeUnixNano": "1", "eventName": "x\\u0000y  %s"}
                ]}]}]}""".formatted("z".repeat(200)));
        assertThat(routed.turns()).isEmpty();
        assertThat(routed.activities()).isEmpty();
        assertThat(routed.ignored().byReason()).containsExactly(
                Map.entry(LogRouter.UNNAMED, 2L),
                Map.entry("gemini_cli.config", 1L),
                Map.entry("codex.turn_ttft", 2L),
                Map.entry(("x_y__" + "z".repeat(200)).substring(0, IgnoredItems.MAX_REASON_CHARS), 1L));
        assertThat(routed.ignored().total()).isEqualTo(6);
    }

    @Test
    void shouldFindTheEventByItsRecordNameItsBodyOrItsEventNameAttribute() {
        String claude = """
                {"resourceLogs": [{"scopeLogs": [{"logRecords": [
                  {"timeUnixNano": "1", "eventName": "claude_code.api_request", "attributes": [
                    {"key": "event.name", "value": {"stringValue": "api_request"}}]},
                  {"timeUnixNano": "1", "body": {"stringValue": "claude_code.api_request"}},
                  {"timeUnixNano": "1", "attributes": [
                    {"key": "event.name", "value": {"stringValue": "claude_code.api_request"}}]},
                  {"timeUnixNano": "1", "body": {"stringValue": "claude_code.api_request happened"}}
                ]}]}]}""";
        LogRouter.Routed routed = LogMapping.route(claude);
        assertThat(routed.turns()).hasSize(3);
        assertThat(routed.turnNames()).containsOnly(ClaudeCodeApiRequest.EVENT);
        assertThat(routed.ignored().byReason()).containsExactly(Map.entry(LogRouter.UNNAMED, 1L));
    }
}
