package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaudeCodeApiRequestTest {

    private static final String SESSION = "6c4f3f3e-2a1b-4c5d-9e8f-7a6b5c4d3e2f";
    private static final String REQUEST_EVENT_ID = "cc-otlp:"
            + HexFormat.of().formatHex(EventIds.sha256("req_011CUa2bQy9Zk7"), 0, 16);

    @Test
    void shouldMapAnApiRequestToATurnWithCacheCountsInTheInput() {
        List<ObjectNode> turns = LogMapping.validTurns(AgentTelemetry.claudeCode(SESSION, "req_011CUa2bQy9Zk7"));
        assertThat(turns).hasSize(1);
        assertThat(turns.get(0).toString()).isEqualTo("{\"schema_version\":1,"
                + "\"event_id\":\"" + REQUEST_EVENT_ID + "\","
                + "\"occurred_at\":\"2026-02-23T20:35:10.123Z\","
                + "\"session_id\":\"" + SESSION + "\",\"model\":\"claude-opus-4-6\",\"provider\":\"anthropic\","
                + "\"agent\":\"claude-code\",\"user_id\":\"0b1f5c8e-7d2a-4e9b-9c3f-6a5d4e3b2c1a\","
                + "\"duration_ms\":4210,\"started_at\":\"2026-02-23T20:35:05.913Z\","
                + "\"usage\":{\"input_tokens\":25353,\"output_tokens\":13,\"cache_read_tokens\":11515,"
                + "\"cache_write_tokens\":13835},"
                + "\"labels\":{\"claude_code.cost_usd\":\"0.0924265\","
                + "\"prompt_id\":\"5d9f2c1e-3b4a-4f6d-8e7c-1a2b3c4d5e6f\"}}");
    }

    @Test
    void shouldKeepTheCostAsALabelSoThatThePriceBookPricesTheTurn() {
        ObjectNode turn = LogMapping.validTurns(AgentTelemetry.claudeCode(SESSION, null)).get(0);
        assertThat(turn.has("reported_cost_usd")).isFalse();
        assertThat(turn.get("labels").get("claude_code.cost_usd").textValue()).isEqualTo("0.0924265");
    }

    @Test
    void shouldTakeTheEventIdFromTheRequestIdWhenThereIsOne() {
        String withId = LogMapping.validTurns(AgentTelemetry.claudeCode(SESSION, "req_011CUa2bQy9Zk7")).get(0)
                .get("event_id").textValue();
        assertThat(withId).isEqualTo(REQUEST_EVENT_ID);
        String otherSession = LogMapping.validTurns(AgentTelemetry.claudeCode("other-session", "req_011CUa2bQy9Zk7"))
                .get(0).get("event_id").textValue();
        assertThat(otherSession).as("the request id alone identifies the request").isEqualTo(withId);
    }

    @Test
    void shouldDeriveTheSameEventIdForTheSameRecordSentAgainAndAnotherForAnotherRequest() {
        String body = AgentTelemetry.claudeCode(SESSION, null);
        String first = LogMapping.validTurns(body).get(0).get("event_id").textValue();
        assertThat(first).matches("cc-otlp:[0-9a-f]{32}");
        assertThat(LogMapping.validTurns(body).get(0).get("event_id").textValue()).isEqualTo(first);
        // The same counts sent as ints rather than strings are the same request.
        String asInts = body.replace("{\"stringValue\": \"13835\"}", "{\"intValue\": 13835}");
        assertThat(asInts).isNotEqualTo(body);
        assertThat(LogMapping.validTurns(asInts).get(0).get("event_id").textValue()).isEqualTo(first);
        String asWholeDouble = body.replace("{\"stringValue\": \"13835\"}", "{\"doubleValue\": 13835.0}");
        assertThat(LogMapping.validTurns(asWholeDouble).get(0).get("event_id").textValue()).isEqualTo(first);
        String otherCount = body.replace("{\"stringValue\": \"13835\"}", "{\"stringValue\": \"13836\"}");
        assertThat(LogMapping.validTurns(otherCount).get(0).get("event_id").textValue()).isNotEqualTo(first);
        String otherSequence = body.replace("{\"intValue\": \"7\"}", "{\"intValue\": \"8\"}");
        assertThat(LogMapping.validTurns(otherSequence).get(0).get("event_id").textValue()).isNotEqualTo(first);
    }

    @Test
    void shouldMakeTheUserPromptBesideItAnActivityEventNotATurn() {
        LogRouter.Routed routed = LogMapping.route(AgentTelemetry.claudeCode(SESSION, null));
        assertThat(routed.turns()).hasSize(1);
        assertThat(routed.activityNames()).containsExactly("claude_code.user_prompt");
        assertThat(routed.ignored().byReason()).isEmpty();
    }

    @Test
    void shouldHashTheEmailWhenThereIsNoAccountIdAndTakeTheAgentFromAServiceNameTheUserSet() {
        String body = AgentTelemetry.claudeCode(SESSION, null)
                .replace("{\"key\": \"user.account_uuid\"", "{\"key\": \"user.account_uuid_unused\"")
                .replace("{\"stringValue\": \"claude-code\"}", "{\"stringValue\": \"review-bot\"}");
        ObjectNode turn = LogMapping.validTurns(body).get(0);
        assertThat(turn.get("user_id").textValue()).isEqualTo(
                "sha256:" + HexFormat.of().formatHex(EventIds.sha256("dev.one@example.com")));
        assertThat(turn.get("agent").textValue()).isEqualTo("review-bot");
        String named = body.replace("{\"key\": \"os.type\"", "{\"key\": \"agentmeter.agent\", \"value\": "
                + "{\"stringValue\": \"planner\"}}, {\"key\": \"os.type\"");
        assertThat(LogMapping.validTurns(named).get(0).get("agent").textValue()).isEqualTo("planner");
    }

    @Test
    void shouldLeaveTheInputUnreportedWhenClaudeCodeDidNotSendIt() {
        String body = AgentTelemetry.claudeCode(SESSION, null).replace("\"input_tokens\"", "\"input_tokens_gone\"");
        ObjectNode usage = (ObjectNode) LogMapping.validTurns(body).get(0).get("usage");
        assertThat(usage.has("input_tokens")).isFalse();
        assertThat(usage.get("cache_read_tokens").longValue()).isEqualTo(11515);
    }

    @Test
    void shouldPassACountThatIsNotANumberToTheValidator() {
        String body = AgentTelemetry.claudeCode(SESSION, null)
                .replace("{\"stringValue\": \"11515\"}", "{\"stringValue\": \"many\"}");
        ObjectNode turn = LogMapping.route(body).turns().get(0);
        assertThat(turn.get("usage").get("input_tokens").textValue()).isEqualTo("many");
    }
}
