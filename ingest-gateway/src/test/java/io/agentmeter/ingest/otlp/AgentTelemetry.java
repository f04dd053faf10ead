package io.agentmeter.ingest.otlp;

/**
 * OTLP/JSON log exports shaped like the agents' own, built from the attribute lists of their telemetry docs, with
 * models and counts from real session logs (/work/shared/data/agent-logs: Claude Code's {@code short.jsonl} request
 * of claude-opus-4-6, a Codex gpt-5.3-codex response of {@code rollout-2026-02-23T20-34-25-...jsonl}).
 */
public final class AgentTelemetry {

    /** 2026-02-23T20:35:10.123Z */
    public static final long TIME = 1_771_878_910_123_000_000L;
    public static final String TIME_TEXT = "2026-02-23T20:35:10.123Z";

    private AgentTelemetry() {
    }

    /**
     * Claude Code's export of one {@code claude_code.api_request}: the body is the full event name, {@code event.name}
     * the short one; counts as strings, as its exporter writes them.
     */
    public static String claudeCode(String sessionId, String requestIdAttribute) {
        return """
                {"resourceLogs": [{"resource": {"attributes": [
                  {"key": "service.name", "value": {"stringValue": "claude-code"}},
                  {"key": "service.version", "value": {"stringValue": "2.1.38"}},
                  {"key": "os.type", "value": {"stringValue": "linux"}}]},
                 "scopeLogs": [{"scope": {"name": "com.anthropic.claude_code.events", "version": "2.1.38"},
                  "logRecords": [
                   {"timeUnixNano": "%d", "observedTimeUnixNano": "%d",
                    "body": {"stringValue": "claude_code.user_prompt"},
                    "attributes": [
                     {"key": "session.id", "value": {"stringValue": "%s"}},
                     {"key": "event.name", "value": {"stringValue": "user_prompt"}},
                     {"key": "prompt_length", "value": {"stringValue": "42"}}]},
                   {"timeUnixNano": "%d", "observedTimeUnixNano": "%d",
                    "body": {"stringValue": "claude_code.api_request"},
                    "attributes": [
                     {"key": "user.id", "value": {"stringValue": "9c2e1f0b7a4d4e3f8a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f"}},
                     {"key": "session.id", "value": {"stringValue": "%s"}},
                     {"key": "organization.id", "value": {"stringValue": "8f2a9d7c-51f6-4d3b-a2c4-0f4e9b1d7a36"}},
                     {"key": "user.email", "value": {"stringValue": "Dev.One@example.com"}},
                     {"key": "user.account_uuid", "value": {"stringValue": "0b1f5c8e-7d2a-4e9b-9c3f-6a5d4e3b2c1a"}},
                     {"key": "terminal.type", "value": {"stringValue": "xterm-256color"}},
                     {"key": "event.name", "value": {"stringValue": "api_request"}},
                     {"key": "event.timestamp", "value": {"stringValue": "%s"}},
                     {"key": "event.sequence", "value": {"intValue": "7"}},
                     {"key": "prompt.id", "value": {"stringValue": "5d9f2c1e-3b4a-4f6d-8e7c-1a2b3c4d5e6f"}},
                     {"key": "model", "value": {"stringValue": "claude-opus-4-6"}},
                     {"key": "input_tokens", "value": {"stringValue": "3"}},
                     {"key": "output_tokens", "value": {"stringValue": "13"}},
                     {"key": "cache_read_tokens", "value": {"stringValue": "11515"}},
                     {"key": "cache_creation_tokens", "value": {"stringValue": "13835"}},
                     {"key": "cost_usd", "value": {"doubleValue": 0.0924265}},
                     {"key": "duration_ms", "value": {"stringValue": "4210"}}%s]}]}]}]}
                """.formatted(TIME - 5_000_000_000L, TIME - 5_000_000_000L, sessionId, TIME, TIME, sessionId,
                TIME_TEXT, requestIdAttribute == null ? ""
                        : ",\n {\"key\": \"request_id\", \"value\": {\"stringValue\": \"" + requestIdAttribute + "\"}}");
    }

    /**
     * Codex's export: a {@code response.created} and a {@code response.completed} {@code codex.sse_event}, with
     * {@code timeUnixNano} 0, the time in {@code observedTimeUnixNano} and {@code event.timestamp}, and counts written
     * partly as strings (Rust's Display) and partly as ints.
     */
    public static String codex(String conversationId) {
        return """
                {"resourceLogs": [{"resource": {"attributes": [
                  {"key": "service.name", "value": {"stringValue": "codex_cli_rs"}},
                  {"key": "service.version", "value": {"stringValue": "0.104.0"}},
                  {"key": "env", "value": {"stringValue": "dev"}}]},
                 "scopeLogs": [{"scope": {"name": "codex_otel"},
                  "logRecords": [
                   {"timeUnixNano": "0", "observedTimeUnixNano": "%d", "severityNumber": 9, "severityText": "INFO",
                    "attributes": [
                     {"key": "event.name", "value": {"stringValue": "codex.sse_event"}},
                     {"key": "event.timestamp", "value": {"stringValue": "2026-02-23T20:35:02.001Z"}},
                     {"key": "event.kind", "value": {"stringValue": "response.created"}},
                     {"key": "conversation.id", "value": {"stringValue": "%s"}},
                     {"key": "model", "value": {"stringValue": "gpt-5.3-codex"}}]},
                   {"timeUnixNano": "0", "observedTimeUnixNano": "%d", "severityNumber": 9, "severityText": "INFO",
                    "attributes": [
                     {"key": "event.name", "value": {"stringValue": "codex.sse_event"}},
                     {"key": "event.timestamp", "value": {"stringValue": "%s"}},
                     {"key": "event.kind", "value": {"stringValue": "response.completed"}},
                     {"key": "conversation.id", "value": {"stringValue": "%s"}},
                     {"key": "app.version", "value": {"stringValue": "0.104.0"}},
                     {"key": "auth_mode", "value": {"stringValue": "ApiKey"}},
                     {"key": "user.account_id", "value": {"stringValue": "user-Kq3L0wXg7bT2"}},
                     {"key": "terminal.type", "value": {"stringValue": "xterm-256color"}},
                     {"key": "model", "value": {"stringValue": "gpt-5.3-codex"}},
                     {"key": "slug", "value": {"stringValue": "gpt-5.3-codex"}},
                     {"key": "input_token_count", "value": {"stringValue": "42772"}},
                     {"key": "output_token_count", "value": {"stringValue": "204"}},
                     {"key": "cached_token_count", "value": {"intValue": "3456"}},
                     {"key": "reasoning_token_count", "value": {"intValue": "124"}},
                     {"key": "tool_token_count", "value": {"stringValue": "42976"}}]}]}]}]}
                """.formatted(TIME - 8_000_000_000L, conversationId, TIME + 250_000_000L, TIME_TEXT, conversationId);
    }

    /**
     * Gemini CLI's export of one prompt: the {@code utility_router} call that picks the model and the {@code main}
     * call, each a {@code gemini_cli.api_response} whose body is a sentence; session in the resource too.
     */
    public static String gemini(String sessionId) {
        return """
                {"resourceLogs": [{"resource": {"attributes": [
                  {"key": "service.name", "value": {"stringValue": "gemini-cli"}},
                  {"key": "service.version", "value": {"stringValue": "0.21.0"}},
                  {"key": "session.id", "value": {"stringValue": "%s"}}]},
                 "scopeLogs": [{"scope": {"name": "gemini-cli", "version": "v1"},
                  "logRecords": [
                   {"timeUnixNano": "%d", "observedTimeUnixNano": "%d",
                    "body": {"stringValue": "API response from gemini-2.5-flash-lite. Status: 200. Duration: 612ms."},
                    "attributes": [%s]},
                   {"timeUnixNano": "%d", "observedTimeUnixNano": "%d",
                    "body": {"stringValue": "API response from gemini-2.5-pro. Status: 200. Duration: 9140ms."},
                    "attributes": [%s]}]}]}]}
                """.formatted(sessionId, TIME - 9_000_000_000L, TIME - 9_000_000_000L,
                geminiAttributes(sessionId, "utility_router", "gemini-2.5-flash-lite", 612, 1843, 38, 0, 0, 0, 1881),
                TIME, TIME,
                geminiAttributes(sessionId, "main", "gemini-2.5-pro", 9140, 12873, 412, 8064, 1280, 0, 14565));
    }

    private static String geminiAttributes(String sessionId, String role, String model, int durationMs, int input,
                                           int output, int cached, int thoughts, int tool, int total) {
        return """
                {"key": "session.id", "value": {"stringValue": "%s"}},
                {"key": "installation.id", "value": {"stringValue": "4e1c2b3a-9f8e-4d7c-a6b5-c4d3e2f1a0b9"}},
                {"key": "event.name", "value": {"stringValue": "gemini_cli.api_response"}},
                {"key": "event.timestamp", "value": {"stringValue": "2026-02-23T20:35:01.000Z"}},
                {"key": "model", "value": {"stringValue": "%s"}},
                {"key": "status_code", "value": {"intValue": "200"}},
                {"key": "duration_ms", "value": {"intValue": "%d"}},
                {"key": "input_token_count", "value": {"intValue": "%d"}},
                {"key": "output_token_count", "value": {"intValue": "%d"}},
                {"key": "cached_content_token_count", "value": {"intValue": "%d"}},
                {"key": "thoughts_token_count", "value": {"intValue": "%d"}},
                {"key": "tool_token_count", "value": {"intValue": "%d"}},
                {"key": "total_token_count", "value": {"intValue": "%d"}},
                {"key": "prompt_id", "value": {"stringValue": "%s########1"}},
                {"key": "auth_type", "value": {"stringValue": "gemini-api-key"}},
                {"key": "role", "value": {"stringValue": "%s"}}""".formatted(sessionId, model, durationMs, input,
                output, cached, thoughts, tool, total, sessionId, role);
    }
}
