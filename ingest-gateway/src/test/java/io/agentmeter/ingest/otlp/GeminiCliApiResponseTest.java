package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiCliApiResponseTest {

    private static final String SESSION = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

    @Test
    void shouldMakeTheRouterCallAndTheMainCallTwoTurnsKeepingTheirRole() {
        List<ObjectNode> turns = LogMapping.validTurns(AgentTelemetry.gemini(SESSION));
        assertThat(turns).hasSize(2);
        assertThat(turns).extracting(turn -> turn.get("labels").get("role").textValue())
                .containsExactly("utility_router", "main");
        assertThat(turns).extracting(turn -> turn.get("agent").textValue()).containsOnly("gemini-cli");
        assertThat(turns.get(0).get("event_id").textValue()).matches("gemini-otlp:[0-9a-f]{32}")
                .isNotEqualTo(turns.get(1).get("event_id").textValue());
    }

    @Test
    void shouldCountThoughtsAsOutputAndToolUsePromptsAsInput() {
        String body = AgentTelemetry.gemini(SESSION)
                .replace("{\"key\": \"tool_token_count\", \"value\": {\"intValue\": \"0\"}},\n"
                        + "{\"key\": \"total_token_count\", \"value\": {\"intValue\": \"14565\"}}",
                        "{\"key\": \"tool_token_count\", \"value\": {\"intValue\": \"120\"}},\n"
                        + "{\"key\": \"total_token_count\", \"value\": {\"intValue\": \"14685\"}}");
        ObjectNode main = LogMapping.validTurns(body).get(1);
        assertThat(main.toString()).isEqualTo("{\"schema_version\":1,\"event_id\":\""
                + main.get("event_id").textValue() + "\",\"occurred_at\":\"" + AgentTelemetry.TIME_TEXT + "\","
                + "\"session_id\":\"" + SESSION + "\",\"model\":\"gemini-2.5-pro\",\"provider\":\"gcp.gemini\","
                + "\"agent\":\"gemini-cli\",\"duration_ms\":9140,\"started_at\":\"2026-02-23T20:35:00.983Z\","
                + "\"usage\":{\"input_tokens\":12993,\"output_tokens\":1692,\"cache_read_tokens\":8064,"
                + "\"reasoning_tokens\":1280,\"total_tokens\":14685},"
                + "\"labels\":{\"role\":\"main\",\"prompt_id\":\"" + SESSION + "########1\"}}");
    }

    @Test
    void shouldTakeTheSessionFromTheResourceWhenTheRecordHasNone() {
        String body = AgentTelemetry.gemini(SESSION).replace("{\"key\": \"session.id\", \"value\": {\"stringValue\": \""
                + SESSION + "\"}},\n{\"key\": \"installation.id\"", "{\"key\": \"installation.id\"");
        assertThat(body).isNotEqualTo(AgentTelemetry.gemini(SESSION));
        assertThat(LogMapping.validTurns(body)).extracting(turn -> turn.get("session_id").textValue())
                .containsOnly(SESSION);
    }

    @Test
    void shouldPriceVertexCallsAsVertex() {
        String body = AgentTelemetry.gemini(SESSION).replace("gemini-api-key", "vertex-ai");
        assertThat(LogMapping.validTurns(body)).extracting(turn -> turn.get("provider").textValue())
                .containsOnly("gcp.vertex_ai");
    }
}
