package io.agentmeter.cli.importer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The log formats the importer reads; each file has one, detected from its content or forced with --format. */
public enum Format {

    /** Claude Code transcripts, {@code ~/.claude/projects/<project>/<session>.jsonl}. */
    CLAUDE_CODE("claude-code"),
    /** Codex CLI sessions, {@code ~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl}. */
    CODEX("codex"),
    /** ZeroClaw's cost log, {@code <workspace>/state/costs.jsonl}. */
    ZEROCLAW("zeroclaw"),
    /** ZeroClaw's runtime trace, {@code <workspace>/state/runtime-trace.jsonl}: activity events, not turns. */
    ZEROCLAW_TRACE("zeroclaw-trace"),
    /** One OpenAI or Anthropic API response (or bare usage object) per line. */
    USAGE("usage");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    /** The name on the command line and in summaries. */
    public String id() {
        return id;
    }

    /** A new parser for one file of this format. */
    public LogParser newParser(FileContext file) {
        return switch (this) {
            case CLAUDE_CODE -> new ClaudeCodeParser(file);
            case CODEX -> new CodexParser(file);
            case ZEROCLAW -> new ZeroClawParser(file);
            case ZEROCLAW_TRACE -> new ZeroClawTraceParser(file);
            case USAGE -> new UsageLogParser(file);
        };
    }

    public static Optional<Format> byId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
    }

    /** "claude-code, codex, zeroclaw, zeroclaw-trace, usage" for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
