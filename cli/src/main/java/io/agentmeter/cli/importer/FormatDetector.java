package io.agentmeter.cli.importer;

import static io.agentmeter.cli.importer.JsonFields.object;
import static io.agentmeter.cli.importer.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a file's format from its first lines: the first line that says which format it is decides.
 * Lines that say nothing (blank, not JSON, Claude Code's summary lines...) are passed over.
 */
public final class FormatDetector {

    /** How many non-blank lines are looked at before giving up. */
    public static final int LINES_LOOKED_AT = 200;

    private static final Set<String> CODEX_TYPES = Set.of("session_meta", "turn_context", "event_msg",
            "response_item", "compacted");
    private static final Set<String> CLAUDE_TYPES = Set.of("user", "assistant", "system", "summary", "progress",
            "file-history-snapshot", "queue-operation", "attachment");

    private FormatDetector() {
    }

    /**
     * The format of a file, from its first {@value #LINES_LOOKED_AT} non-blank lines (a last line without a line
     * feed included); empty when none of them says.
     */
    public static Optional<Format> detect(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(file, Position.START)) {
            SourceLine line;
            while (lines.size() < LINES_LOOKED_AT && (line = reader.next()) != null) {
                if (!line.text().isBlank() && !reader.lastWasTooLong()) {
                    lines.add(parse(line.text()));
                }
            }
            if (lines.size() < LINES_LOOKED_AT && !reader.partialTail().isBlank()) {
                lines.add(parse(reader.partialTail()));
            }
        }
        return detect(lines);
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The format the first decisive line of {@code lines} names, if any. */
    public static Optional<Format> detect(List<JsonNode> lines) {
        return lines.stream().limit(LINES_LOOKED_AT).filter(java.util.Objects::nonNull).map(FormatDetector::detectLine)
                .flatMap(Optional::stream).findFirst();
    }

    /** The format one parsed line belongs to, when it says. */
    public static Optional<Format> detectLine(JsonNode line) {
        if (line == null || !line.isObject()) {
            return Optional.empty();
        }
        String type = text(line, "type");
        if (type != null && CODEX_TYPES.contains(type) && object(line, "payload") != null) {
            return Optional.of(Format.CODEX);
        }
        JsonNode message = object(line, "message");
        if (type != null && CLAUDE_TYPES.contains(type)
                && (message != null || line.has("sessionId") || line.has("uuid") || line.has("leafUuid")
                || line.has("messageId"))) {
            return Optional.of(Format.CLAUDE_CODE);
        }
        if (type == null && message != null && (line.has("sessionId") || line.has("requestId")
                || line.has("uuid") || line.has("parentUuid"))) {
            return Optional.of(Format.CLAUDE_CODE);
        }
        if (line.has("id") && line.has("timestamp") && text(line, "event_type") != null) {
            return Optional.of(Format.ZEROCLAW_TRACE);
        }
        JsonNode usage = object(line, "usage");
        if (usage != null && line.has("session_id") && line.has("id") && usage.has("cost_usd")
                && usage.has("model") && usage.has("timestamp")) {
            return Optional.of(Format.ZEROCLAW);
        }
        UsageLogParser.Located located = UsageLogParser.locate(line);
        if (located != null) {
            return Optional.of(Format.USAGE);
        }
        return Optional.empty();
    }
}
