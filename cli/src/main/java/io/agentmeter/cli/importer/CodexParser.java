package io.agentmeter.cli.importer;

import static io.agentmeter.cli.importer.JsonFields.object;
import static io.agentmeter.cli.importer.JsonFields.orZero;
import static io.agentmeter.cli.importer.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Codex CLI sessions ({@code ~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl}).
 *
 * <p>Usage comes in {@code event_msg} lines of payload type {@code token_count}: {@code info.total_token_usage} is
 * the session's cumulative total and {@code info.last_token_usage} the last API call's. Codex re-emits the same
 * token_count (for instance after each tool output), so a turn is counted only when the cumulative
 * {@code total_tokens} advances; its usage is {@code last_token_usage} (or, when a line lacks it, the difference of
 * the cumulative totals). The session id comes from {@code session_meta}, the model from the latest
 * {@code turn_context} (or {@code info.model} when present), the tools from the {@code function_call} and similar
 * response items since the previous turn.
 */
final class CodexParser implements LineByLineParser {

    static final String AGENT = "codex";
    static final String UNKNOWN_MODEL = "unknown";

    private final FileContext file;
    private String sessionId;
    private String provider;
    private String model;
    private String effort;
    private String cwd;
    private String cliVersion;
    private String originator;
    private Usage lastTotal;
    private Long lastTotalTokens;
    private int turnIndex;
    private Map<String, Integer> pendingTools = new LinkedHashMap<>();

    CodexParser(FileContext file) {
        this.file = file;
    }

    @Override
    public Format format() {
        return Format.CODEX;
    }

    @Override
    public void accept(SourceLine line, ObjectNode json, Emitter out) {
        String type = text(json, "type");
        JsonNode payload = object(json, "payload");
        if (type == null || payload == null) {
            out.ignored(line, "line without type or payload");
            return;
        }
        switch (type) {
            case "session_meta" -> {
                sessionId = orKeep(text(payload, "id"), sessionId);
                provider = orKeep(text(payload, "model_provider"), provider);
                cwd = orKeep(text(payload, "cwd"), cwd);
                cliVersion = orKeep(text(payload, "cli_version"), cliVersion);
                originator = orKeep(text(payload, "originator"), originator);
                model = orKeep(text(payload, "model"), model);
                out.ignored(line, "session_meta line");
            }
            case "turn_context" -> {
                model = orKeep(text(payload, "model"), model);
                effort = orKeep(text(payload, "effort"), effort);
                cwd = orKeep(text(payload, "cwd"), cwd);
                out.ignored(line, "turn_context line");
            }
            case "response_item" -> {
                String tool = toolName(payload);
                if (tool != null) {
                    pendingTools.merge(tool, 1, Integer::sum);
                }
                out.ignored(line, "response_item line");
            }
            case "event_msg" -> {
                if ("token_count".equals(text(payload, "type"))) {
                    tokenCount(line, json, payload, out);
                } else {
                    out.ignored(line, "event_msg line");
                }
            }
            default -> out.ignored(line, type + " line");
        }
    }

    private void tokenCount(SourceLine line, JsonNode json, JsonNode payload, Emitter out) {
        JsonNode info = object(payload, "info");
        if (info == null) {
            out.ignored(line, "token_count without info (rate limits only)");
            return;
        }
        JsonNode totalNode = object(info, "total_token_usage");
        JsonNode lastNode = object(info, "last_token_usage");
        Usage total;
        Usage last;
        Instant occurredAt;
        Long window;
        try {
            total = totalNode == null ? null : UsageMapping.codex(totalNode, "payload.info.total_token_usage");
            last = lastNode == null ? null : UsageMapping.codex(lastNode, "payload.info.last_token_usage");
            occurredAt = JsonFields.time(json, "timestamp", "timestamp");
            window = JsonFields.count(info, "model_context_window", "payload.info.model_context_window");
        } catch (BadLineException e) {
            out.problem(line, e.getMessage());
            return;
        }
        if (occurredAt == null) {
            out.problem(line, "token_count without timestamp");
            return;
        }
        Usage turn;
        String eventId;
        if (total != null) {
            long totalTokens = total.totalTokens() != null ? total.totalTokens()
                    : orZero(total.inputTokens()) + orZero(total.outputTokens());
            if (lastTotalTokens != null && totalTokens == lastTotalTokens) {
                out.ignored(line, "repeated token_count (cumulative total unchanged)");
                return;
            }
            if (lastTotalTokens != null && totalTokens < lastTotalTokens) {
                out.problem(line, "cumulative total_token_usage.total_tokens went down from " + lastTotalTokens
                        + " to " + totalTokens + "; line skipped, later turns count from the new total");
                lastTotal = total;
                lastTotalTokens = totalTokens;
                return;
            }
            turn = last != null ? last : lastTotal != null ? UsageMapping.delta(total, lastTotal) : total;
            eventId = "codex:" + session() + ":" + totalTokens;
            lastTotal = total;
            lastTotalTokens = totalTokens;
        } else if (last != null) {
            turn = last;
            eventId = EventIds.ofLine("codex:", file, line);
        } else {
            out.ignored(line, "token_count without usage");
            return;
        }
        TurnBuilder event = TurnBuilder.turn()
                .eventId(eventId)
                .occurredAt(occurredAt)
                .sessionId(session())
                .model(orKeep(text(info, "model"), model == null ? UNKNOWN_MODEL : model))
                .provider(provider)
                .agent(AGENT)
                .turnIndex(turnIndex++)
                .usage(turn)
                .tools(tools())
                .label("source", Format.CODEX.id());
        if (window != null) {
            Long used = turn.totalTokens() != null ? turn.totalTokens()
                    : turn.inputTokens() == null ? null : turn.inputTokens() + orZero(turn.outputTokens());
            event.context(new ContextWindow(used, window));
        }
        if (cwd != null) {
            Path name = Path.of(cwd).getFileName();
            event.project(name == null ? cwd : name.toString());
        }
        if (effort != null) {
            ObjectNode params = Json.mapper().createObjectNode();
            params.put("reasoning_effort", effort);
            event.params(params);
        }
        if (cliVersion != null) {
            event.label("codex_version", cliVersion);
        }
        if (originator != null) {
            event.label("originator", originator);
        }
        pendingTools = new LinkedHashMap<>();
        out.event(event.build(), line);
    }

    private String session() {
        return sessionId != null ? sessionId : file.baseName();
    }

    private List<ToolUse> tools() {
        List<ToolUse> tools = new ArrayList<>();
        pendingTools.forEach((name, calls) -> tools.add(new ToolUse(name, calls, null, null, null)));
        return tools;
    }

    private static String toolName(JsonNode payload) {
        String type = text(payload, "type");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "function_call", "custom_tool_call" -> text(payload, "name");
            case "local_shell_call" -> "local_shell";
            case "web_search_call" -> "web_search";
            default -> null;
        };
    }

    private static String orKeep(String value, String kept) {
        return value != null ? value : kept;
    }

    @Override
    public ObjectNode saveState() {
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("session_id", sessionId);
        state.put("provider", provider);
        state.put("model", model);
        state.put("effort", effort);
        state.put("cwd", cwd);
        state.put("cli_version", cliVersion);
        state.put("originator", originator);
        state.set("last_total", lastTotal == null ? null : Json.mapper().valueToTree(lastTotal));
        if (lastTotalTokens != null) {
            state.put("last_total_tokens", lastTotalTokens);
        }
        state.put("turn_index", turnIndex);
        ObjectNode tools = state.putObject("pending_tools");
        pendingTools.forEach(tools::put);
        return state;
    }

    @Override
    public void restoreState(ObjectNode state) {
        sessionId = text(state, "session_id");
        provider = text(state, "provider");
        model = text(state, "model");
        effort = text(state, "effort");
        cwd = text(state, "cwd");
        cliVersion = text(state, "cli_version");
        originator = text(state, "originator");
        JsonNode total = object(state, "last_total");
        try {
            lastTotal = total == null ? null : Json.mapper().treeToValue(total, Usage.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable Codex state: " + e.getOriginalMessage(), e);
        }
        JsonNode tokens = JsonFields.at(state, "last_total_tokens");
        lastTotalTokens = tokens == null ? null : tokens.asLong();
        turnIndex = state.path("turn_index").asInt(0);
        pendingTools = new LinkedHashMap<>();
        JsonNode tools = object(state, "pending_tools");
        if (tools != null) {
            tools.fields().forEachRemaining(e -> pendingTools.put(e.getKey(), e.getValue().asInt()));
        }
    }
}
