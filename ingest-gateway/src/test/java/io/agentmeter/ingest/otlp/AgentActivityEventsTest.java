package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.validation.ActivityValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agents' events that become activity events. First on the log exports the real CLIs sent
 * ({@code src/test/resources/otlp}: Claude Code 2.1.197, Codex 0.171.0 and Gemini CLI 0.61.0, each run against
 * system-tests' FakeModelProvider with a prompt that makes the model read a file and a request that fails; how they
 * were captured: the README there), then on bodies built here for what those runs did not produce (a rejected tool,
 * a failed one).
 */
class AgentActivityEventsTest {

    private static final String SESSION = "6c4f3f3e-2a1b-4c5d-9e8f-7a6b5c4d3e2f";
    private static final ActivityValidator VALIDATOR = new ActivityValidator(
            Clock.fixed(Instant.ofEpochSecond(0, AgentTelemetry.TIME).plusSeconds(60), ZoneOffset.UTC));
    /** The captures were made on 2026-12-07. */
    private static final ActivityValidator CAPTURE_VALIDATOR = new ActivityValidator(
            Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC));

    // ---- the real CLIs' exports ---------------------------------------------------------------------------------

    @Test
    void shouldMapClaudeCodesPromptDecisionAndToolResultWithTheTextItsOptInsSent() {
        // OTEL_LOG_USER_PROMPTS=1 and OTEL_LOG_TOOL_DETAILS=1
        LogRouter.Routed routed = captured("claude-code-2.1.197-read-file-details.json");
        List<ObjectNode> all = valid(routed.activities());
        String session = routed.turns().get(0).get("session_id").textValue();
        assertThat(all).extracting(a -> a.get("kind").textValue())
                .containsExactly("user_prompt", "reply", "tool_decision", "tool_call", "reply");
        assertThat(all).allSatisfy(a -> {
            assertThat(a.get("session_id").textValue()).as("the session of its turns").isEqualTo(session)
                    .isEqualTo("47fdfae2-3ece-4f9b-bf0c-ccddbffe438c");
            assertThat(a.get("agent").textValue()).isEqualTo("claude-code");
            assertThat(a.get("source").textValue()).isEqualTo("claude_code");
            assertThat(a.get("user_id").textValue()).as("user.id, Claude Code's installation id").hasSize(64);
        });
        ObjectNode prompt = all.get(0);
        assertThat(prompt.get("event_id").textValue()).matches("cc-otlp:user_prompt:[0-9a-f]{32}");
        assertThat(prompt.get("occurred_at").textValue()).isEqualTo("2026-12-07T07:10:42.315Z");
        assertThat(prompt.get("payload").textValue())
                .isEqualTo("Read the notes. [[read-file]] /tmp/cap/claude-home/work/notes.txt");
        ObjectNode title = all.get(1);
        assertThat(title.get("name").textValue()).as("query_source: the side request that titles the session")
                .isEqualTo("generate_session_title");
        ObjectNode decision = all.get(2);
        assertThat(decision.get("name").textValue()).isEqualTo("Read");
        assertThat(decision.get("status").textValue()).isEqualTo("accept");
        assertThat(decision.get("payload").textValue()).isEqualTo("decided by config");
        ObjectNode tool = all.get(3);
        assertThat(tool.get("event_id").textValue()).matches("cc-otlp:tool_result:[0-9a-f]{32}");
        assertThat(tool.get("name").textValue()).isEqualTo("Read");
        assertThat(tool.get("status").textValue()).as("success is sent as the text true").isEqualTo("ok");
        assertThat(tool.get("duration_ms").longValue()).as("sent as the text 6").isEqualTo(6);
        assertThat(tool.get("payload").textValue())
                .isEqualTo("{\"file_path\":\"/tmp/cap/claude-home/work/notes.txt\"}");
        ObjectNode reply = all.get(4);
        assertThat(reply.get("event_id").textValue()).matches("cc-otlp:assistant_response:[0-9a-f]{32}");
        assertThat(reply.get("occurred_at").textValue()).isEqualTo("2026-12-07T07:10:42.773Z");
        assertThat(reply.get("name").textValue()).isEqualTo("sdk");
        assertThat(reply.get("status").textValue()).isEqualTo("ok");
        assertThat(reply.get("model").textValue()).isEqualTo("claude-sonnet-4-5");
        assertThat(reply.get("provider").textValue()).isEqualTo("anthropic");
        assertThat(reply.get("payload").textValue()).as("the answer's text, sent under the opt-in").isEqualTo("Done.");
    }

    @Test
    void shouldKeepNoTextFromClaudeCodeWithoutItsOptIns() {
        List<ObjectNode> all = valid(captured("claude-code-2.1.197-read-file-redacted-1.json").activities());
        all.addAll(valid(captured("claude-code-2.1.197-read-file-redacted-2.json").activities()));
        assertThat(all).extracting(a -> a.get("kind").textValue())
                .containsExactly("reply", "user_prompt", "tool_decision", "tool_call", "reply");
        assertThat(all.get(1).has("payload")).as("the prompt is sent as <REDACTED>: no text").isFalse();
        assertThat(all.get(3).has("payload")).as("no tool_input without OTEL_LOG_TOOL_DETAILS").isFalse();
        assertThat(all.get(3).get("status").textValue()).isEqualTo("ok");
        assertThat(all.get(4).has("payload")).as("the answer is sent as <REDACTED>: no text").isFalse();
        assertThat(all.get(4).get("model").textValue()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void shouldMapClaudeCodesApiErrorOfARequestItGaveUpOn() {
        // CLAUDE_CODE_MAX_RETRIES=0; a retried failure that then succeeds logs no api_error
        List<ObjectNode> all = valid(captured("claude-code-2.1.197-api-error.json").activities());
        assertThat(all).extracting(a -> a.get("kind").textValue()).containsExactly("reply", "user_prompt", "error");
        ObjectNode error = all.get(2);
        assertThat(error.get("event_id").textValue()).matches("cc-otlp:api_error:[0-9a-f]{32}");
        assertThat(error.get("session_id").textValue()).isEqualTo("00e0aa52-4286-4ba4-aba6-fce2e78c67f3");
        assertThat(error.get("occurred_at").textValue()).isEqualTo("2026-12-07T07:10:45.191Z");
        assertThat(error.get("name").textValue()).isEqualTo("api_error");
        assertThat(error.get("status").textValue()).isEqualTo("error");
        assertThat(error.get("model").textValue()).isEqualTo("claude-sonnet-4-5");
        assertThat(error.get("provider").textValue()).isEqualTo("anthropic");
        assertThat(error.get("duration_ms").longValue()).isEqualTo(30);
        assertThat(error.get("payload").textValue()).isEqualTo(
                "error: Internal server error (the fake's planned failure)\nstatus_code: 500\nattempt: 1");
    }

    @Test
    void shouldMapCodexsRequestsDecisionAndToolResult() {
        LogRouter.Routed routed = captured("codex-0.171.0-read-file-fail-once.json");
        List<ObjectNode> all = valid(routed.activities());
        assertThat(all).extracting(a -> a.get("kind").textValue()).containsExactly(
                "user_prompt", "api_request", "api_request", "tool_decision", "tool_call", "api_request");
        assertThat(all).extracting(a -> a.get("status")).extracting(s -> s == null ? null : s.textValue())
                .containsExactly(null, "error", "ok", "accept", "ok", "ok");
        assertThat(all).allSatisfy(a -> {
            assertThat(a.get("session_id").textValue()).isEqualTo("01a24f56-37d7-7863-ac5a-4a17a353cfa3")
                    .isEqualTo(routed.turns().get(0).get("session_id").textValue());
            assertThat(a.get("model").textValue()).isEqualTo("gpt-5");
            assertThat(a.get("agent").textValue()).isEqualTo("codex");
            assertThat(a.get("source").textValue()).isEqualTo("codex");
        });
        ObjectNode prompt = all.get(0);
        assertThat(prompt.get("event_id").textValue()).matches("codex-otlp:user_prompt:[0-9a-f]{32}");
        assertThat(prompt.get("occurred_at").textValue()).isEqualTo("2026-12-07T07:09:40.384Z");
        assertThat(prompt.has("payload")).as("sent as [REDACTED] without log_user_prompt: no text").isFalse();
        ObjectNode failed = all.get(1);
        assertThat(failed.get("event_id").textValue()).matches("codex-otlp:api_request:[0-9a-f]{32}");
        assertThat(failed.get("occurred_at").textValue()).as("timeUnixNano 0: event.timestamp")
                .isEqualTo("2026-12-07T07:09:40.613Z");
        assertThat(failed.get("name").textValue()).isEqualTo("api_request");
        assertThat(failed.get("duration_ms").longValue()).isEqualTo(202);
        assertThat(failed.get("payload").textValue()).isEqualTo("error: http 500\nstatus_code: 500\nattempt: 0");
        assertThat(all.get(2).get("payload").textValue()).isEqualTo("status_code: 200\nattempt: 1");
        ObjectNode decision = all.get(3);
        assertThat(decision.get("name").textValue()).isEqualTo("exec_command");
        assertThat(decision.get("payload").textValue()).isEqualTo("decided by Config");
        ObjectNode tool = all.get(4);
        assertThat(tool.get("event_id").textValue()).matches("codex-otlp:tool_result:[0-9a-f]{32}");
        assertThat(tool.get("name").textValue()).isEqualTo("exec_command");
        assertThat(tool.get("duration_ms").longValue()).isEqualTo(211);
        assertThat(tool.get("payload").textValue())
                .startsWith("arguments: {\"cmd\":\"cat /tmp/cap/codex-home/work/notes.txt\"}\noutput: Chunk ID: ")
                .endsWith("agentmeter fixture: the file the fake model asks the CLI to read\n");
    }

    @Test
    void shouldMapGeminiClisApiErrorAndToolCall() {
        // logPrompts false: no function_args
        LogRouter.Routed routed = captured("gemini-cli-0.61.0-read-file-fail-once.json");
        List<ObjectNode> all = valid(routed.activities());
        assertThat(all).extracting(a -> a.get("kind").textValue()).containsExactly("user_prompt", "error", "tool_call");
        assertThat(all).allSatisfy(a -> {
            assertThat(a.get("session_id").textValue()).isEqualTo("0b60cdc7-990a-4ba2-a207-3b27cd48c4cd")
                    .isEqualTo(routed.turns().get(0).get("session_id").textValue());
            assertThat(a.get("agent").textValue()).isEqualTo("gemini-cli");
            assertThat(a.get("source").textValue()).isEqualTo("gemini_cli");
        });
        ObjectNode prompt = all.get(0);
        assertThat(prompt.get("event_id").textValue()).matches("gemini-otlp:user_prompt:[0-9a-f]{32}");
        assertThat(prompt.get("occurred_at").textValue()).isEqualTo("2026-12-07T07:10:03.450Z");
        assertThat(prompt.has("payload")).as("no prompt attribute without logPrompts").isFalse();
        ObjectNode error = all.get(1);
        assertThat(error.get("event_id").textValue()).matches("gemini-otlp:api_error:[0-9a-f]{32}");
        assertThat(error.get("occurred_at").textValue()).isEqualTo("2026-12-07T07:10:03.511Z");
        assertThat(error.get("name").textValue()).isEqualTo("api_error");
        assertThat(error.get("status").textValue()).isEqualTo("error");
        assertThat(error.get("model").textValue()).isEqualTo("gemini-2.5-flash");
        assertThat(error.get("duration_ms").longValue()).isEqualTo(40);
        assertThat(error.get("payload").textValue()).isEqualTo("error: {\"error\":{\"code\":500,\"message\":"
                + "\"Internal error encountered (the fake's planned failure).\",\"status\":\"INTERNAL\"}}"
                + "\nstatus_code: 500\nerror_type: ApiError");
        ObjectNode tool = all.get(2);
        assertThat(tool.get("event_id").textValue()).matches("gemini-otlp:tool_call:[0-9a-f]{32}");
        assertThat(tool.get("name").textValue()).isEqualTo("read_file");
        assertThat(tool.get("status").textValue()).isEqualTo("ok");
        assertThat(tool.get("duration_ms").longValue()).isEqualTo(20);
        assertThat(tool.has("payload")).isFalse();
    }

    @Test
    void shouldKeepGeminiClisPromptAndToolArgumentsWhenItLogsPrompts() {
        List<ObjectNode> all = valid(captured("gemini-cli-0.61.0-read-file-log-prompts.json").activities());
        assertThat(all).extracting(a -> a.get("kind").textValue()).containsExactly("user_prompt", "tool_call");
        assertThat(all.get(0).get("payload").textValue())
                .isEqualTo("Read the notes. [[read-file]] /tmp/cap/gemini-home/work/notes.txt");
        assertThat(all.get(1).get("payload").textValue())
                .isEqualTo("{\n  \"file_path\": \"/tmp/cap/gemini-home/work/notes.txt\"\n}");
    }

    @Test
    void shouldDeriveTheSameIdsFromACapturedExportSentAgain() {
        for (String capture : List.of("claude-code-2.1.197-read-file-details.json",
                "codex-0.171.0-read-file-fail-once.json", "gemini-cli-0.61.0-read-file-fail-once.json")) {
            List<String> first = ids(captured(capture).activities());
            assertThat(ids(captured(capture).activities())).as(capture).isEqualTo(first);
            assertThat(first).as("%s: one id per record", capture).doesNotHaveDuplicates();
        }
    }

    // ---- what the captures did not produce ------------------------------------------------------------------------

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
                new String[] {"codex.turn_ttft", "duration_ms", "5"})));
        assertThat(routed.activities()).isEmpty();
        assertThat(routed.ignored().byReason()).containsEntry("codex.turn_ttft", 1L);
    }

    /** A captured export, routed as the gateway routes it. */
    private static LogRouter.Routed captured(String name) {
        try (InputStream in = AgentActivityEventsTest.class.getResourceAsStream("/otlp/" + name)) {
            assertThat(in).as("src/test/resources/otlp/%s", name).isNotNull();
            return LogMapping.route(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The activities, each asserted valid, in a list the caller may extend. */
    private static List<ObjectNode> valid(List<ObjectNode> activities) {
        for (ObjectNode activity : activities) {
            assertThat(CAPTURE_VALIDATOR.validate(activity)).as("violations of %s", activity).isEmpty();
        }
        return new java.util.ArrayList<>(activities);
    }

    private static List<String> ids(List<ObjectNode> activities) {
        return activities.stream().map(a -> a.get("event_id")).map(JsonNode::textValue).toList();
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
