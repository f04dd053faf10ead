package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.validation.ActivityValidator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per agent event that becomes an activity event, on bodies shaped as the agents send them. */
class AgentActivityEventsTest {

    private static final String SESSION = "6c4f3f3e-2a1b-4c5d-9e8f-7a6b5c4d3e2f";
    private static final ActivityValidator VALIDATOR = new ActivityValidator(
            Clock.fixed(Instant.ofEpochSecond(0, AgentTelemetry.TIME).plusSeconds(60), ZoneOffset.UTC));

    @Test
    void shouldMapClaudeCodeToolResultToAToolCallWithItsParametersWhenSent() {
        ObjectNode a = one(AgentActivityTelemetry.claudeCode(SESSION, List.<String[]>of(new String[] {"tool_result",
                "tool_name", "Bash", "tool_use_id", "toolu_01SFj2R7FJwVu46ZnXhjWVxV", "success", "false",
                "duration_ms", "1840", "error", "Exit code 2", "decision_type", "accept", "decision_source", "config",
                "tool_result_size_bytes", "512", "tool_parameters", "{\"bash_command\":\"ls\",\"full_command\":\"ls -la /nope\"}"})));
        assertThat(a.get("event_id").textValue()).matches("cc-otlp:tool_result:[0-9a-f]{32}");
        assertThat(a.get("occurred_at").textValue()).isEqualTo("2026-02-23T20:35:10.133Z");
        assertThat(a.get("session_id").textValue()).isEqualTo(SESSION);
        assertThat(a.get("kind").textValue()).isEqualTo("tool_call");
        assertThat(a.get("name").textValue()).isEqualTo("Bash");
        assertThat(a.get("status").textValue()).isEqualTo("error");
        assertThat(a.get("duration_ms").longValue()).isEqualTo(1840);
        assertThat(a.get("agent").textValue()).isEqualTo("claude-code");
        assertThat(a.get("source").textValue()).isEqualTo("claude_code");
        assertThat(a.get("user_id").textValue()).isEqualTo("0b1f5c8e-7d2a-4e9b-9c3f-6a5d4e3b2c1a");
        assertThat(a.get("payload").textValue()).isEqualTo(
                "parameters: {\"bash_command\":\"ls\",\"full_command\":\"ls -la /nope\"}\nerror: Exit code 2");
    }

    @Test
    void shouldLeaveThePayloadOutWhenClaudeCodeSentNoToolDetails() {
        ObjectNode a = one(AgentActivityTelemetry.claudeCode(SESSION, List.<String[]>of(new String[] {"tool_result",
                "tool_name", "Read", "success", "true", "duration_ms", "12", "tool_result_size_bytes", "2048"})));
        assertThat(a.get("status").textValue()).isEqualTo("ok");
        assertThat(a.has("payload")).isFalse();
    }

    @Test
    void shouldMapClaudeCodeToolDecisionToAcceptOrReject() {
        List<ObjectNode> all = activities(AgentActivityTelemetry.claudeCode(SESSION, List.of(
                new String[] {"tool_decision", "tool_name", "Edit", "decision", "accept", "source", "config",
                    "tool_use_id", "toolu_1"},
                new String[] {"tool_decision", "tool_name", "Bash", "decision", "reject", "source", "user_reject",
                    "tool_use_id", "toolu_2"})));
        assertThat(all).extracting(a -> a.get("kind").textValue()).containsOnly("tool_decision");
        assertThat(all).extracting(a -> a.get("status").textValue()).containsExactly("accept", "reject");
        assertThat(all.get(1).get("payload").textValue()).isEqualTo("decided by user_reject");
    }

    @Test
    void shouldMapClaudeCodeApiErrorToAnError() {
        ObjectNode a = one(AgentActivityTelemetry.claudeCode(SESSION, List.<String[]>of(new String[] {"api_error",
                "model", "claude-opus-4-6", "error", "Overloaded", "status_code", "529", "duration_ms", "3021",
                "attempt", "2"})));
        assertThat(a.get("kind").textValue()).isEqualTo("error");
        assertThat(a.get("name").textValue()).isEqualTo("api_error");
        assertThat(a.get("status").textValue()).isEqualTo("error");
        assertThat(a.get("model").textValue()).isEqualTo("claude-opus-4-6");
        assertThat(a.get("provider").textValue()).isEqualTo("anthropic");
        assertThat(a.get("payload").textValue()).isEqualTo("error: Overloaded\nstatus_code: 529\nattempt: 2");
    }

    @Test
    void shouldMapClaudeCodeUserPromptWithItsTextOnlyWhenSent() {
        List<ObjectNode> all = activities(AgentActivityTelemetry.claudeCode(SESSION, List.of(
                new String[] {"user_prompt", "prompt_length", "42"},
                new String[] {"user_prompt", "prompt_length", "17", "prompt", "fix the failing test"})));
        assertThat(all).extracting(a -> a.get("kind").textValue()).containsOnly("user_prompt");
        assertThat(all.get(0).has("payload")).isFalse();
        assertThat(all.get(1).get("payload").textValue()).isEqualTo("fix the failing test");
    }

    @Test
    void shouldMapCodexToolDecision() {
        List<ObjectNode> all = activities(AgentActivityTelemetry.codex("conv-1", List.of(
                new String[] {"codex.tool_decision", "tool_name", "shell", "call_id", "call_a", "decision",
                    "approved", "source", "Config"},
                new String[] {"codex.tool_decision", "tool_name", "apply_patch", "call_id", "call_b", "decision",
                    "denied", "source", "User"})));
        assertThat(all.get(0).get("event_id").textValue()).matches("codex-otlp:tool_decision:[0-9a-f]{32}");
        assertThat(all.get(0).get("occurred_at").textValue()).isEqualTo("2026-02-23T20:35:10.100Z");
        assertThat(all.get(0).get("session_id").textValue()).isEqualTo("conv-1");
        assertThat(all).extracting(a -> a.get("status").textValue()).containsExactly("accept", "reject");
        assertThat(all.get(0).get("model").textValue()).isEqualTo("gpt-5.3-codex");
        assertThat(all.get(0).get("user_id").textValue()).isEqualTo("acct_7Qk2");
    }

    @Test
    void shouldMapCodexToolResultWithArgumentsAndOutput() {
        ObjectNode a = one(AgentActivityTelemetry.codex("conv-1", List.<String[]>of(new String[] {
                "codex.tool_result", "tool_name", "shell", "call_id", "call_a",
                "arguments", "{\"command\":[\"bash\",\"-lc\",\"cargo test\"]}", "duration_ms", "5123",
                "success", "true", "output", "test result: ok. 12 passed"})));
        assertThat(a.get("kind").textValue()).isEqualTo("tool_call");
        assertThat(a.get("name").textValue()).isEqualTo("shell");
        assertThat(a.get("status").textValue()).isEqualTo("ok");
        assertThat(a.get("duration_ms").longValue()).isEqualTo(5123);
        assertThat(a.get("agent").textValue()).isEqualTo("codex");
        assertThat(a.get("source").textValue()).isEqualTo("codex");
        assertThat(a.get("payload").textValue()).isEqualTo(
                "arguments: {\"command\":[\"bash\",\"-lc\",\"cargo test\"]}\noutput: test result: ok. 12 passed");
    }

    @Test
    void shouldMapCodexApiRequestWithItsOutcome() {
        List<ObjectNode> all = activities(AgentActivityTelemetry.codex("conv-1", List.of(
                new String[] {"codex.api_request", "attempt", "1", "duration_ms", "812",
                    "http.response.status_code", "200"},
                new String[] {"codex.api_request", "attempt", "2", "duration_ms", "95",
                    "http.response.status_code", "429", "error.message", "Rate limit reached"})));
        assertThat(all).extracting(a -> a.get("kind").textValue()).containsOnly("api_request");
        assertThat(all).extracting(a -> a.get("status").textValue()).containsExactly("ok", "error");
        assertThat(all.get(1).get("payload").textValue())
                .isEqualTo("error: Rate limit reached\nstatus_code: 429\nattempt: 2");
    }

    @Test
    void shouldMapGeminiCliToolCall() {
        ObjectNode a = one(AgentActivityTelemetry.gemini("gem-session", List.<String[]>of(new String[] {
                "gemini_cli.tool_call", String.join(", ",
                AgentActivityTelemetry.attr("function_name", "read_file"),
                AgentActivityTelemetry.attr("function_args", "{\"absolute_path\":\"/repo/README.md\"}"),
                "{\"key\": \"duration_ms\", \"value\": {\"intValue\": \"37\"}}",
                "{\"key\": \"success\", \"value\": {\"boolValue\": true}}",
                AgentActivityTelemetry.attr("decision", "auto_accept"),
                AgentActivityTelemetry.attr("prompt_id", "p-1"),
                AgentActivityTelemetry.attr("tool_type", "native"))})));
        assertThat(a.get("event_id").textValue()).matches("gemini-otlp:tool_call:[0-9a-f]{32}");
        assertThat(a.get("session_id").textValue()).as("from the resource").isEqualTo("gem-session");
        assertThat(a.get("name").textValue()).isEqualTo("read_file");
        assertThat(a.get("status").textValue()).isEqualTo("ok");
        assertThat(a.get("duration_ms").longValue()).isEqualTo(37);
        assertThat(a.get("agent").textValue()).isEqualTo("gemini-cli");
        assertThat(a.get("user_id").textValue()).startsWith("sha256:");
        assertThat(a.get("payload").textValue()).isEqualTo("{\"absolute_path\":\"/repo/README.md\"}");
    }

    @Test
    void shouldMapGeminiCliApiErrorNamedByItsType() {
        ObjectNode a = one(AgentActivityTelemetry.gemini("gem-session", List.<String[]>of(new String[] {
                "gemini_cli.api_error", String.join(", ",
                AgentActivityTelemetry.attr("model", "gemini-2.5-pro"),
                AgentActivityTelemetry.attr("error", "Quota exceeded for quota metric"),
                AgentActivityTelemetry.attr("error_type", "RESOURCE_EXHAUSTED"),
                "{\"key\": \"status_code\", \"value\": {\"intValue\": \"429\"}}",
                "{\"key\": \"duration_ms\", \"value\": {\"intValue\": \"640\"}}",
                AgentActivityTelemetry.attr("prompt_id", "p-2"))})));
        assertThat(a.get("kind").textValue()).isEqualTo("error");
        assertThat(a.get("name").textValue()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(a.get("model").textValue()).isEqualTo("gemini-2.5-pro");
        assertThat(a.get("payload").textValue()).isEqualTo("error: Quota exceeded for quota metric\nstatus_code: 429");
    }

    @Test
    void shouldDeriveTheSameIdsFromAReplayedExportAndOthersForOtherRecords() {
        String body = AgentActivityTelemetry.claudeCode(SESSION, List.of(
                new String[] {"tool_result", "tool_name", "Bash", "success", "true", "duration_ms", "10"},
                new String[] {"tool_result", "tool_name", "Bash", "success", "true", "duration_ms", "10"}));
        List<String> first = activities(body).stream().map(a -> a.get("event_id").textValue()).toList();
        assertThat(activities(body).stream().map(a -> a.get("event_id").textValue()).toList()).isEqualTo(first);
        assertThat(first.get(0)).as("two records of one session differ by their sequence")
                .isNotEqualTo(first.get(1));
    }

    @Test
    void shouldKeepUnknownEventsIgnored() {
        LogRouter.Routed routed = LogMapping.route(AgentActivityTelemetry.codex("conv-1", List.<String[]>of(
                new String[] {"codex.user_prompt", "prompt_length", "5"})));
        assertThat(routed.activities()).isEmpty();
        assertThat(routed.ignored().byReason()).containsEntry("codex.user_prompt", 1L);
    }

    private static ObjectNode one(String export) {
        List<ObjectNode> all = activities(export);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static List<ObjectNode> activities(String export) {
        LogRouter.Routed routed = LogMapping.route(export);
        assertThat(routed.turns()).isEmpty();
        assertThat(routed.ignored().total()).isZero();
        for (ObjectNode activity : routed.activities()) {
            assertThat(VALIDATOR.validate(activity)).as("violations of %s", activity).isEmpty();
        }
        return routed.activities();
    }
}
