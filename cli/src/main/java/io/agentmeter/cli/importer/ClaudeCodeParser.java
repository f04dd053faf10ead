package io.agentmeter.cli.importer;

import static io.agentmeter.cli.importer.JsonFields.object;
import static io.agentmeter.cli.importer.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Claude Code transcripts ({@code ~/.claude/projects/<project>/<session>.jsonl}).
 *
 * <p>Claude Code writes one API response as several assistant lines, one per content block (text, thinking,
 * each tool_use), each repeating the response's {@code message.id}, {@code requestId} and {@code usage}. Those lines
 * are one turn: they are grouped by (message.id, requestId) and the group becomes one event, with the usage of its
 * most complete line (the highest {@code output_tokens}, the later line on a tie) and every distinct tool_use block
 * of all its lines.
 *
 * <p>A group is complete when a line of another response of the same chain (the main conversation, or one
 * sub-agent's sidechain) arrives, at the end of the file, or (watch mode) when it has a {@code stop_reason} and a
 * round added no line to it, or when it has not grown for the settle time. Until then it is held back (see
 * {@link #heldFrom()}). Lines without {@code message.id} cannot be grouped: each is a turn of its own.
 */
final class ClaudeCodeParser implements LogParser {

    static final String PROVIDER = "anthropic";
    static final String AGENT = "claude-code";
    static final String SUBAGENT = "claude-code:subagent";
    /** Responses already emitted, remembered to recognise stray late lines; bounded. */
    private static final int REMEMBERED = 10_000;

    private final FileContext file;
    /** The working directory the lines last named (user lines carry it in files whose assistant lines do not). */
    private String lastCwd;
    private final Map<String, Group> open = new LinkedHashMap<>();
    private final Map<String, Boolean> emitted = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    ClaudeCodeParser(FileContext file) {
        this.file = file;
    }

    @Override
    public Format format() {
        return Format.CLAUDE_CODE;
    }

    @Override
    public void accept(SourceLine line, ObjectNode json, Emitter out) {
        lastCwd = text(json, "cwd") != null ? text(json, "cwd") : lastCwd;
        String type = text(json, "type");
        JsonNode message = object(json, "message");
        boolean assistant = "assistant".equals(type)
                || (type == null && message != null && "assistant".equals(text(message, "role")));
        if (!assistant) {
            out.ignored(line, type == null ? "line without type" : type + " line");
            return;
        }
        if (message == null) {
            out.problem(line, "assistant line without a message object");
            return;
        }
        JsonNode usageNode = object(message, "usage");
        if (usageNode == null) {
            out.ignored(line, "assistant line without usage");
            return;
        }
        String model = text(message, "model");
        if ("<synthetic>".equals(model) || json.path("isApiErrorMessage").asBoolean(false)) {
            out.ignored(line, "synthetic assistant line (Claude Code's own message, no API call)");
            return;
        }
        Usage usage;
        Instant timestamp;
        BigDecimal cost;
        try {
            usage = UsageMapping.anthropic(usageNode, "message.usage");
            timestamp = JsonFields.time(json, "timestamp", "timestamp");
            cost = JsonFields.decimal(json, "costUSD", "costUSD");
        } catch (BadLineException e) {
            out.problem(line, e.getMessage());
            return;
        }
        if (model == null) {
            out.problem(line, "assistant line with usage but no message.model");
            return;
        }
        if (timestamp == null) {
            out.problem(line, "assistant line with usage but no timestamp");
            return;
        }
        String messageId = text(message, "id");
        String requestId = text(json, "requestId");
        String key = messageId == null ? "line\n" + line.number() : messageId + "\n" + (requestId == null ? "" : requestId);
        if (emitted.containsKey(key)) {
            out.ignored(line, "late line of a response already counted");
            return;
        }
        String chain = json.path("isSidechain").asBoolean(false)
                ? "side\n" + Objects.toString(text(json, "agentId"), "") : "main";
        Group group = open.get(key);
        if (group == null) {
            closeChain(chain, out);
            group = new Group(key, chain, line, messageId, requestId);
            open.put(key, group);
        } else {
            out.ignored(line, "more lines of one response");
        }
        group.add(line, json, message, model, usage, timestamp, cost);
        if (messageId == null) {
            close(group, out);
        }
    }

    @Override
    public void flush(Emitter out, Instant now, Duration settle, boolean endOfInput) {
        for (Iterator<Group> it = open.values().iterator(); it.hasNext(); ) {
            Group group = it.next();
            boolean grew = group.grew;
            if (grew) {
                group.grew = false;
                group.quietSince = now;
            }
            // A response with a stop_reason is complete once a round adds no line to it; others after the settle
            // time (some Claude Code versions write a stop_reason on every line, so it cannot close a group at once).
            if (endOfInput || group.finished && !grew || !group.quietSince.plus(settle).isAfter(now)) {
                it.remove();
                emit(group, out);
            }
        }
    }

    @Override
    public Optional<Position> heldFrom() {
        return open.values().stream().map(g -> g.first.start()).reduce(Position::min);
    }

    @Override
    public ObjectNode saveState() {
        ObjectNode state = Json.mapper().createObjectNode();
        if (lastCwd != null) {
            state.put("cwd", lastCwd);
        }
        return state;
    }

    @Override
    public void restoreState(ObjectNode state) {
        // Held-back responses are read again from heldFrom(); only the working directory is remembered.
        lastCwd = text(state, "cwd");
    }

    private void closeChain(String chain, Emitter out) {
        List<Group> done = new ArrayList<>();
        for (Group group : open.values()) {
            if (group.chain.equals(chain)) {
                done.add(group);
            }
        }
        done.forEach(group -> close(group, out));
    }

    private void close(Group group, Emitter out) {
        open.remove(group.key);
        emit(group, out);
    }

    private void emit(Group group, Emitter out) {
        emitted.put(group.key, Boolean.TRUE);
        TurnBuilder turn = TurnBuilder.turn()
                .eventId(eventId(group))
                .occurredAt(group.timestamp)
                .sessionId(group.sessionId != null ? group.sessionId : file.baseName())
                .model(group.model)
                .provider(PROVIDER)
                .agent(group.chain.equals("main") ? AGENT : SUBAGENT)
                .threadId(group.agentId)
                .usage(group.usage)
                .reportedCostUsd(group.cost)
                .label("source", Format.CLAUDE_CODE.id());
        String cwd = group.cwd != null ? group.cwd : lastCwd;
        if (cwd != null) {
            Path name = Path.of(cwd).getFileName();
            turn.project(name == null ? cwd : name.toString());
        }
        if (group.version != null) {
            turn.label("claude_code_version", group.version);
        }
        if (group.gitBranch != null) {
            turn.label("git_branch", group.gitBranch);
        }
        if (!group.tools.isEmpty()) {
            Map<String, Integer> calls = new LinkedHashMap<>();
            group.tools.values().forEach(name -> calls.merge(name, 1, Integer::sum));
            List<ToolUse> tools = new ArrayList<>();
            calls.forEach((name, count) -> tools.add(new ToolUse(name, count, null, null, null)));
            turn.tools(tools);
        } else if (group.sawContent) {
            turn.tools(List.of());
        }
        if (group.params.size() > 0) {
            turn.params(group.params);
        }
        out.event(turn.build(), group.first);
    }

    private String eventId(Group group) {
        if (group.messageId != null && group.requestId != null) {
            return EventIds.hashed("cc:", group.messageId, group.requestId);
        }
        if (group.messageId != null) {
            return EventIds.hashed("cc:", "message", group.messageId);
        }
        if (group.uuid != null) {
            return EventIds.hashed("cc:", "uuid", group.uuid);
        }
        return EventIds.ofLine("cc:", file, group.first);
    }

    /** The lines of one API response. */
    private static final class Group {

        final String key;
        final String chain;
        final SourceLine first;
        final String messageId;
        final String requestId;
        final Map<String, String> tools = new LinkedHashMap<>();
        final ObjectNode params = Json.mapper().createObjectNode();
        String uuid;
        String model;
        String sessionId;
        String agentId;
        String cwd;
        String version;
        String gitBranch;
        Usage usage;
        long bestOutput = -1;
        Instant timestamp;
        BigDecimal cost;
        boolean finished;
        boolean sawContent;
        boolean grew = true;
        Instant quietSince = Instant.MIN;

        Group(String key, String chain, SourceLine first, String messageId, String requestId) {
            this.key = key;
            this.chain = chain;
            this.first = first;
            this.messageId = messageId;
            this.requestId = requestId;
        }

        void add(SourceLine line, JsonNode json, JsonNode message, String lineModel, Usage lineUsage,
                 Instant lineTime, BigDecimal lineCost) {
            grew = true;
            uuid = uuid != null ? uuid : text(json, "uuid");
            model = lineModel != null ? lineModel : model;
            sessionId = sessionId != null ? sessionId : text(json, "sessionId");
            agentId = agentId != null ? agentId : text(json, "agentId");
            cwd = text(json, "cwd") != null ? text(json, "cwd") : cwd;
            version = text(json, "version") != null ? text(json, "version") : version;
            gitBranch = text(json, "gitBranch") != null ? text(json, "gitBranch") : gitBranch;
            long output = lineUsage.outputTokens() == null ? 0 : lineUsage.outputTokens();
            if (output >= bestOutput) {
                bestOutput = output;
                usage = lineUsage;
            }
            if (lineTime != null && (timestamp == null || !lineTime.isBefore(timestamp))) {
                timestamp = lineTime;
            }
            cost = lineCost != null ? lineCost : cost;
            if (text(message, "stop_reason") != null) {
                finished = true;
            }
            JsonNode usageNode = message.get("usage");
            for (String param : new String[] {"service_tier", "speed"}) {
                String value = text(usageNode, param);
                if (value != null) {
                    params.put(param, value);
                }
            }
            JsonNode content = message.get("content");
            if (content != null && content.isArray()) {
                sawContent = true;
                int index = 0;
                for (JsonNode block : content) {
                    String blockType = text(block, "type");
                    String name = text(block, "name");
                    if (name != null && ("tool_use".equals(blockType) || "server_tool_use".equals(blockType))) {
                        String id = text(block, "id");
                        tools.putIfAbsent(id != null ? id : line.number() + "#" + index, name);
                    }
                    index++;
                }
            }
        }
    }
}
