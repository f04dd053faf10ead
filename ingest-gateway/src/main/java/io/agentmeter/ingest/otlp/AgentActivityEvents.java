package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.schema.activity.ActivityStatus;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The agents' non-usage log events that become activity events (docs/ingest.md, "Activity from log events"): Claude
 * Code's {@code tool_result}, {@code tool_decision}, {@code api_error}, {@code user_prompt} and
 * {@code assistant_response}, Codex's {@code user_prompt}, {@code tool_decision}, {@code tool_result} and
 * {@code api_request}, Gemini CLI's {@code user_prompt}, {@code tool_call} and {@code api_error}. Attribute names
 * and values as the real CLIs send them (Claude Code 2.1.197, Codex 0.171.0, Gemini CLI 0.61.0, captured against a
 * fake provider: {@code src/test/resources/otlp}, AgentActivityEventsTest).
 *
 * <p>Each id is derived from the record (its time and the attributes that tell two records apart, never when or how
 * it arrived), so a replayed export yields the same ids. Payload text is copied only when the agent sent it: prompts
 * and tool parameters are in the records only under the agents' own opt-ins ({@code OTEL_LOG_USER_PROMPTS},
 * {@code OTEL_LOG_TOOL_DETAILS}, Codex's {@code log_user_prompt}, Gemini's {@code logPrompts}).
 */
final class AgentActivityEvents {

    private AgentActivityEvents() {
    }

    /** One event name mapped to an activity event by {@code map}. */
    record ActivityMapper(String eventName, Function<OtlpLogRecord, ObjectNode> map) implements LogEventMapper {

        @Override
        public LogOutcome map(OtlpLogRecord record) {
            return new Activity(map.apply(record));
        }
    }

    /** Every mapper of this class. */
    static List<LogEventMapper> all() {
        return List.of(
                new ActivityMapper("claude_code.tool_result", AgentActivityEvents::claudeToolResult),
                new ActivityMapper("claude_code.tool_decision", AgentActivityEvents::claudeToolDecision),
                new ActivityMapper("claude_code.api_error", AgentActivityEvents::claudeApiError),
                new ActivityMapper("claude_code.user_prompt", AgentActivityEvents::claudeUserPrompt),
                new ActivityMapper("claude_code.assistant_response", AgentActivityEvents::claudeAssistantResponse),
                new ActivityMapper("codex.user_prompt", AgentActivityEvents::codexUserPrompt),
                new ActivityMapper("codex.tool_decision", AgentActivityEvents::codexToolDecision),
                new ActivityMapper("codex.tool_result", AgentActivityEvents::codexToolResult),
                new ActivityMapper("codex.api_request", AgentActivityEvents::codexApiRequest),
                new ActivityMapper("gemini_cli.user_prompt", AgentActivityEvents::geminiUserPrompt),
                new ActivityMapper("gemini_cli.tool_call", AgentActivityEvents::geminiToolCall),
                new ActivityMapper("gemini_cli.api_error", AgentActivityEvents::geminiApiError));
    }

    // ---- Claude Code: every event carries session.id, prompt.id and event.sequence (its order in the session) ----

    private static final List<String> CLAUDE_ORDER = List.of("session.id", "prompt.id", "event.sequence");

    static ObjectNode claudeToolResult(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.CLAUDE_CODE, "tool_result", ActivityKind.TOOL_CALL,
                ids(CLAUDE_ORDER, "tool_use_id", "tool_name", "success", "duration_ms"))
                .text("name", "tool_name")
                .success("success")
                .duration("duration_ms")
                .payload("parameters", "tool_parameters")
                .payload("input", "tool_input")
                .payload("error", "error")
                .build();
    }

    static ObjectNode claudeToolDecision(OtlpLogRecord r) {
        LogActivity activity = new LogActivity(r, AgentCli.CLAUDE_CODE, "tool_decision", ActivityKind.TOOL_DECISION,
                ids(CLAUDE_ORDER, "tool_use_id", "tool_name", "decision", "source"))
                .text("name", "tool_name")
                .status(decision(r.text("decision").orElse("")));
        r.text("source").ifPresent(source -> activity.note("decided by " + source));
        return activity.build();
    }

    static ObjectNode claudeApiError(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.CLAUDE_CODE, "api_error", ActivityKind.ERROR,
                ids(CLAUDE_ORDER, "request_id", "model", "status_code", "attempt", "duration_ms", "error"))
                .put("name", "api_error")
                .status(ActivityStatus.ERROR)
                .text("model", "model")
                .put("provider", "anthropic")
                .duration("duration_ms")
                .payload("error", "error")
                .payload("status_code", "status_code")
                .payload("attempt", "attempt")
                .build();
    }

    static ObjectNode claudeUserPrompt(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.CLAUDE_CODE, "user_prompt", ActivityKind.USER_PROMPT,
                ids(CLAUDE_ORDER, "prompt_length"))
                .payload("prompt", "prompt")
                .build();
    }

    /**
     * A model's answer, right after the {@code api_request} it answered (a turn). Named by {@code query_source}:
     * {@code sdk} for the session's own requests, {@code generate_session_title} and the like for Claude Code's side
     * requests. The text only under Claude Code's opt-in ({@code <REDACTED>} otherwise).
     */
    static ObjectNode claudeAssistantResponse(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.CLAUDE_CODE, "assistant_response", ActivityKind.REPLY,
                ids(CLAUDE_ORDER, "response_length", "model", "query_source"))
                .text("name", "query_source")
                .status(ActivityStatus.OK)
                .text("model", "model")
                .put("provider", "anthropic")
                .payload("response", "response")
                .build();
    }

    // ---- Codex: conversation.id is the session; model and slug are on every event --------------------------------

    /** The text only with Codex's {@code log_user_prompt} ({@code [REDACTED]} otherwise). */
    static ObjectNode codexUserPrompt(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.CODEX, "user_prompt", ActivityKind.USER_PROMPT,
                List.of("conversation.id", "prompt_length"))
                .text("model", "model")
                .payload("prompt", "prompt")
                .build();
    }

    static ObjectNode codexToolDecision(OtlpLogRecord r) {
        LogActivity activity = new LogActivity(r, AgentCli.CODEX, "tool_decision", ActivityKind.TOOL_DECISION,
                List.of("conversation.id", "call_id", "tool_name", "decision", "source"))
                .text("name", "tool_name")
                .text("model", "model")
                .status(decision(r.text("decision").orElse("")));
        r.text("source").ifPresent(source -> activity.note("decided by " + source));
        return activity.build();
    }

    static ObjectNode codexToolResult(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.CODEX, "tool_result", ActivityKind.TOOL_CALL,
                List.of("conversation.id", "call_id", "tool_result_seq", "tool_name", "duration_ms", "success"))
                .text("name", "tool_name")
                .text("model", "model")
                .success("success")
                .duration("duration_ms")
                .payload("arguments", "arguments")
                .payload("output", "output")
                .build();
    }

    static ObjectNode codexApiRequest(OtlpLogRecord r) {
        boolean failed = r.text("error.message").isPresent()
                || OtlpValues.wholeCount(r.attribute("http.response.status_code")).orElse(0) >= 400;
        boolean answered = failed || r.attribute("http.response.status_code") != null;
        return new LogActivity(r, AgentCli.CODEX, "api_request", ActivityKind.API_REQUEST,
                List.of("conversation.id", "attempt", "duration_ms", "http.response.status_code", "error.message"))
                .put("name", "api_request")
                .text("model", "model")
                .status(failed ? ActivityStatus.ERROR : answered ? ActivityStatus.OK : null)
                .duration("duration_ms")
                .payload("error", "error.message")
                .payload("status_code", "http.response.status_code")
                .payload("attempt", "attempt")
                .build();
    }

    // ---- Gemini CLI: session.id (record or resource), prompt_id ---------------------------------------------------

    /** The text only with Gemini CLI's {@code logPrompts} (no {@code prompt} attribute otherwise). */
    static ObjectNode geminiUserPrompt(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.GEMINI_CLI, "user_prompt", ActivityKind.USER_PROMPT,
                List.of("session.id", "prompt_id", "prompt_length"))
                .payload("prompt", "prompt")
                .build();
    }

    static ObjectNode geminiToolCall(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.GEMINI_CLI, "tool_call", ActivityKind.TOOL_CALL,
                List.of("session.id", "prompt_id", "function_name", "function_args", "duration_ms", "success",
                        "decision"))
                .text("name", "function_name")
                .success("success")
                .duration("duration_ms")
                .payload("arguments", "function_args")
                .payload("error", "error")
                .build();
    }

    static ObjectNode geminiApiError(OtlpLogRecord r) {
        return new LogActivity(r, AgentCli.GEMINI_CLI, "api_error", ActivityKind.ERROR,
                List.of("session.id", "prompt_id", "model", "error.type", "status_code", "duration_ms", "error"))
                .put("name", "api_error")
                .status(ActivityStatus.ERROR)
                .text("model", "model")
                .duration("duration_ms")
                .payload("error", "error")
                .payload("status_code", "status_code")
                .payload("error_type", "error.type")
                .build();
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    /**
     * accept or reject from a decision as the agents write it: Claude Code {@code accept} / {@code reject}; Codex
     * {@code approved}, {@code approvedforsession} (any {@code approved*}) / {@code denied}, {@code abort}. Anything
     * else is not reported (null).
     */
    static ActivityStatus decision(String decision) {
        String d = decision.strip().toLowerCase(Locale.ROOT);
        if (d.equals("accept") || d.startsWith("approved") || d.equals("auto_accept")) {
            return ActivityStatus.ACCEPT;
        }
        if (d.equals("reject") || d.equals("denied") || d.equals("abort")) {
            return ActivityStatus.REJECT;
        }
        return null;
    }

    private static List<String> ids(List<String> first, String... more) {
        return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(more)).toList();
    }
}
