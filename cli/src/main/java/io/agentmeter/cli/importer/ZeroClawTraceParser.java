package io.agentmeter.cli.importer;

import static io.agentmeter.cli.importer.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.schema.activity.ActivityStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ZeroClaw's runtime trace ({@code <workspace>/state/runtime-trace.jsonl}, written when {@code [observability]
 * runtime_trace_mode} is {@code rolling} or {@code full}): one {@code RuntimeTraceEvent} per line as serde writes it
 * (zeroclaw-labs/zeroclaw, {@code src/observability/runtime_trace.rs}):
 * <pre>{"id":"&lt;uuid&gt;","timestamp":"2026-03-29T14:02:11.120+02:00","event_type":"tool_call_result",
 * "channel":"telegram","provider":"openrouter","model":"anthropic/claude-sonnet-4","turn_id":"&lt;uuid&gt;",
 * "success":false,"message":"boom","payload":{"tool":"shell","duration_ms":120,"output":"..."}}</pre>
 * Every line is an activity event (never a turn: ZeroClaw's spend is in {@code costs.jsonl}). The run is the
 * {@code turn_id} (one user message and everything the agent did for it), else the channel. Kinds by
 * {@code event_type}: {@code tool_call_start} and {@code tool_call_result} are tool calls (named by
 * {@code payload.tool}), {@code llm_response} and {@code turn_final_response} replies, {@code llm_request} an API
 * request, {@code channel_message_inbound} the user's prompt, failures ({@code *_error}, {@code *_timeout},
 * {@code tool_loop_*}, {@code loop_detector_*}, {@code tool_call_parse_issue}) errors, everything else system.
 * ZeroClaw's newer log format (schema 2, {@code @timestamp}) is not read.
 */
final class ZeroClawTraceParser implements LineByLineParser {

    static final String SOURCE = "zeroclaw";

    /** Where the text of each kind of event is, in order of preference. */
    private static final Map<String, List<String>> TEXT = Map.of(
            "tool_call_start", List.of("arguments"),
            "tool_call_result", List.of("output", "arguments"),
            "llm_response", List.of("raw_response"),
            "turn_final_response", List.of("text"),
            "channel_message_inbound", List.of("content_preview"),
            "channel_message_outbound", List.of("content_preview"));

    private final FileContext file;

    ZeroClawTraceParser(FileContext file) {
        this.file = file;
    }

    @Override
    public Format format() {
        return Format.ZEROCLAW_TRACE;
    }

    @Override
    public void accept(SourceLine line, ObjectNode json, Emitter out) {
        if (json.has("@timestamp")) {
            out.problem(line, "ZeroClaw log event of schema 2 (@timestamp); only runtime trace events (id, timestamp,"
                    + " event_type) are read");
            return;
        }
        String type = text(json, "event_type");
        if (type == null) {
            out.problem(line, "ZeroClaw runtime trace event without event_type");
            return;
        }
        Instant timestamp;
        try {
            timestamp = JsonFields.time(json, "timestamp", "timestamp");
        } catch (BadLineException e) {
            out.problem(line, e.getMessage());
            return;
        }
        if (timestamp == null) {
            out.problem(line, "ZeroClaw runtime trace event without timestamp");
            return;
        }
        JsonNode payload = json.path("payload");
        String id = text(json, "id");
        String run = text(json, "turn_id");
        String channel = text(json, "channel");
        JsonNode success = json.get("success");
        ActivityKind kind = kind(type);
        String tool = text(payload, "tool");
        out.activity(ActivityEvent.builder()
                .eventId(id != null ? "zeroclaw-trace:" + id : EventIds.ofLine("zeroclaw-trace:", file, line))
                .occurredAt(timestamp)
                .sessionId(run != null ? run : channel != null ? "zeroclaw:" + channel : file.baseName())
                .kind(kind)
                .name(kind == ActivityKind.TOOL_CALL && tool != null ? tool : type)
                .status(success != null && success.isBoolean()
                        ? (success.booleanValue() ? ActivityStatus.OK : ActivityStatus.ERROR) : null)
                .durationMs(duration(payload))
                .model(text(json, "model"))
                .provider(text(json, "provider"))
                .agent(ZeroClawParser.AGENT)
                .source(SOURCE)
                .payload(payloadText(type, text(json, "message"), payload))
                .build(), line);
    }

    static ActivityKind kind(String type) {
        return switch (type) {
            case "tool_call", "tool_call_start", "tool_call_result" -> ActivityKind.TOOL_CALL;
            case "llm_response", "turn_final_response" -> ActivityKind.REPLY;
            case "llm_request" -> ActivityKind.API_REQUEST;
            case "channel_message_inbound" -> ActivityKind.USER_PROMPT;
            case "system" -> ActivityKind.SYSTEM;
            default -> type.endsWith("_error") || type.endsWith("_timeout") || type.startsWith("tool_loop_")
                    || type.startsWith("loop_detector_") || type.endsWith("_parse_issue") || type.equals("error")
                    ? ActivityKind.ERROR : ActivityKind.SYSTEM;
        };
    }

    private static Long duration(JsonNode payload) {
        JsonNode millis = payload.get("duration_ms");
        return millis != null && millis.canConvertToLong() && millis.isIntegralNumber() && millis.longValue() >= 0
                ? millis.longValue() : null;
    }

    /** The event's message, then its text (or, for other events, its payload as compact JSON). */
    private static String payloadText(String type, String message, JsonNode payload) {
        String text = null;
        for (String field : TEXT.getOrDefault(type, List.of())) {
            text = text(payload, field);
            if (text != null) {
                break;
            }
        }
        if (text == null && payload.isObject() && !payload.isEmpty()) {
            text = payload.toString();
        }
        if (message == null) {
            return text;
        }
        return text == null ? message : message + "\n" + text;
    }
}
