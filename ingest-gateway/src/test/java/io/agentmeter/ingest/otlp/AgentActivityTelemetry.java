package io.agentmeter.ingest.otlp;

import java.util.ArrayList;
import java.util.List;

/**
 * OTLP/JSON log exports of the agents' non-usage events, shaped as their exporters send them, with the attributes
 * their telemetry documents and sources name: Claude Code's monitoring documentation (every event with
 * {@code session.id}, {@code prompt.id}, {@code event.sequence}, {@code event.timestamp} and the user attributes; the
 * body is the full event name, {@code event.name} the short one), Codex's {@code codex-rs/otel} {@code OtelManager}
 * ({@code timeUnixNano} 0, {@code event.timestamp}, {@code conversation.id}, {@code model}, {@code slug}, values
 * written with Rust's Display, so numbers and booleans as strings), Gemini CLI's {@code docs/telemetry.md}
 * ({@code session.id} on the resource too, {@code prompt_id}, typed values).
 */
public final class AgentActivityTelemetry {

    public static final long TIME = AgentTelemetry.TIME;

    private AgentActivityTelemetry() {
    }

    /** A Claude Code export of {@code events}, each {@code [short name, attribute pairs...]}. */
    public static String claudeCode(String session, List<String[]> events) {
        List<String> records = new ArrayList<>();
        int sequence = 10;
        for (String[] event : events) {
            List<String> attributes = new ArrayList<>(List.of(
                    attr("user.id", "9c2e1f0b7a4d4e3f8a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f"),
                    attr("session.id", session),
                    attr("organization.id", "8f2a9d7c-51f6-4d3b-a2c4-0f4e9b1d7a36"),
                    attr("user.email", "Dev.One@example.com"),
                    attr("user.account_uuid", "0b1f5c8e-7d2a-4e9b-9c3f-6a5d4e3b2c1a"),
                    attr("terminal.type", "xterm-256color"),
                    attr("event.name", event[0]),
                    attr("event.timestamp", AgentTelemetry.TIME_TEXT),
                    "{\"key\": \"event.sequence\", \"value\": {\"intValue\": \"" + sequence + "\"}}",
                    attr("prompt.id", "5d9f2c1e-3b4a-4f6d-8e7c-1a2b3c4d5e6f")));
            for (int i = 1; i + 1 < event.length; i += 2) {
                attributes.add(attr(event[i], event[i + 1]));
            }
            records.add("{\"timeUnixNano\": \"" + (TIME + sequence * 1_000_000L) + "\", \"observedTimeUnixNano\": \""
                    + (TIME + sequence * 1_000_000L) + "\", \"body\": {\"stringValue\": \"claude_code." + event[0]
                    + "\"}, \"attributes\": [" + String.join(", ", attributes) + "]}");
            sequence++;
        }
        return export("[" + attr("service.name", "claude-code") + ", " + attr("service.version", "2.1.38") + "]",
                "com.anthropic.claude_code.events", records);
    }

    /** A Codex export of {@code events}, each {@code [full name, attribute pairs...]}. */
    public static String codex(String conversation, List<String[]> events) {
        List<String> records = new ArrayList<>();
        int millis = 100;
        for (String[] event : events) {
            List<String> attributes = new ArrayList<>(List.of(
                    attr("event.name", event[0]),
                    attr("event.timestamp", "2026-02-23T20:35:10." + millis + "Z"),
                    attr("conversation.id", conversation),
                    attr("app.version", "0.104.0"),
                    attr("auth_mode", "ChatGPT"),
                    attr("user.account_id", "acct_7Qk2"),
                    attr("terminal.type", "xterm-256color"),
                    attr("model", "gpt-5.3-codex"),
                    attr("slug", "gpt-5.3-codex")));
            for (int i = 1; i + 1 < event.length; i += 2) {
                attributes.add(attr(event[i], event[i + 1]));
            }
            records.add("{\"timeUnixNano\": \"0\", \"observedTimeUnixNano\": \"" + (TIME + millis * 1_000_000L)
                    + "\", \"severityNumber\": 9, \"severityText\": \"INFO\", \"attributes\": ["
                    + String.join(", ", attributes) + "]}");
            millis++;
        }
        return export("[" + attr("service.name", "codex_cli_rs") + ", " + attr("service.version", "0.104.0") + "]",
                "codex_otel", records);
    }

    /** A Gemini CLI export of {@code events}, each {@code [full name, raw JSON attributes]}. */
    public static String gemini(String session, List<String[]> events) {
        List<String> records = new ArrayList<>();
        int millis = 0;
        for (String[] event : events) {
            records.add("{\"timeUnixNano\": \"" + (TIME + millis * 1_000_000L) + "\", \"body\": {\"stringValue\": \""
                    + "Tool call: x\"}, \"attributes\": [" + attr("event.name", event[0]) + ", "
                    + attr("event.timestamp", AgentTelemetry.TIME_TEXT) + ", "
                    + attr("installation.id", "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f") + ", "
                    + attr("user.email", "dev.two@example.com") + ", " + event[1] + "]}");
            millis++;
        }
        return export("[" + attr("service.name", "gemini-cli") + ", " + attr("session.id", session) + "]",
                "gemini-cli", records);
    }

    static String attr(String key, String value) {
        return "{\"key\": \"" + key + "\", \"value\": {\"stringValue\": \"" + value.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}}";
    }

    private static String export(String resource, String scope, List<String> records) {
        return "{\"resourceLogs\": [{\"resource\": {\"attributes\": " + resource + "}, \"scopeLogs\": [{\"scope\":"
                + " {\"name\": \"" + scope + "\"}, \"logRecords\": [" + String.join(",\n", records) + "]}]}]}";
    }
}
