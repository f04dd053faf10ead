package io.agentmeter.writer.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.Rollup;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.TokenCount;
import io.agentmeter.schema.rollup.ToolRollup;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The upserts of the four rollup tables, and their columns ({@link Table}, read back by {@link StoredRollups}). Each
 * row is written as absolute values and only over an older version ({@code WHERE EXCLUDED.version > t.version}): the
 * {@link RollupLedger} writes the stored row plus a batch's new turns, whose version is higher by their count.
 */
final class RollupUpserts {

    /** The figures every rollup table has, in bind order (see {@link #bindFigures}). */
    private static final List<String> FIGURES = List.of(
            "turns", "error_turns",
            "input_tokens", "input_tokens_turns", "output_tokens", "output_tokens_turns",
            "cache_read_tokens", "cache_read_tokens_turns", "cache_write_tokens", "cache_write_tokens_turns",
            "cache_write_1h_tokens", "cache_write_1h_tokens_turns", "reasoning_tokens", "reasoning_tokens_turns",
            "total_tokens", "total_tokens_turns",
            "cost_usd", "cost_turns", "unpriced_turns", "incomplete_cost_turns", "cost_breakdown",
            "duration_ms_sum", "duration_ms_min", "duration_ms_max", "duration_turns",
            "latency_sketch", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
            "first_seen", "last_seen", "version");

    /** A rollup table: its key columns and the columns besides the figures, each in bind (and read) order. */
    record Table(String name, List<String> key, List<String> attributes) {

        /** Every column, in bind order: key, attributes, figures. */
        List<String> columns() {
            return Stream.of(key, attributes, FIGURES).flatMap(List::stream).toList();
        }
    }

    static final Table SESSIONS = new Table("session_rollups", List.of("tenant_id", "session_id"),
            List.of("project", "agent", "user_id", "recording_id", "context_peak_tokens", "context_max_tokens",
                    "models", "described_at"));
    static final Table MODELS = new Table("model_rollups",
            List.of("tenant_id", "window_size", "window_start", "project", "provider", "model"), List.of("window_end"));
    static final Table AGENTS = new Table("agent_rollups", List.of("tenant_id", "window_size", "window_start", "agent"),
            List.of("window_end"));
    static final Table TOOLS = new Table("tool_rollups", List.of("tenant_id", "window_size", "window_start", "tool"),
            List.of("window_end", "tool_calls", "tool_duration_ms", "tool_input_tokens", "tool_output_tokens"));

    static final String SESSION = upsert(SESSIONS);
    static final String MODEL = upsert(MODELS);
    static final String AGENT = upsert(AGENTS);
    static final String TOOL = upsert(TOOLS);

    private RollupUpserts() {
    }

    private static String upsert(Table table) {
        List<String> columns = table.columns();
        String placeholders = columns.stream().map(c -> jsonColumn(c) ? "?::jsonb" : "?")
                .collect(Collectors.joining(", "));
        String updates = Stream.concat(table.attributes().stream(), FIGURES.stream())
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table.name() + " (" + String.join(", ", columns) + ") VALUES (" + placeholders + ")"
                + " ON CONFLICT ON CONSTRAINT " + table.name() + "_pk DO UPDATE SET " + updates
                + ", updated_at = now() WHERE EXCLUDED.version > " + table.name() + ".version";
    }

    private static boolean jsonColumn(String column) {
        return column.equals("models") || column.equals("cost_breakdown") || column.equals("described_at");
    }

    static void sessions(Connection c, Collection<SessionRollup> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(SESSION)) {
            for (SessionRollup r : rows) {
                int i = 0;
                s.setString(++i, r.tenantId());
                s.setString(++i, r.sessionId());
                s.setString(++i, r.project());
                s.setString(++i, r.agent());
                s.setString(++i, r.userId());
                s.setString(++i, r.recordingId());
                s.setObject(++i, r.contextPeakTokens(), Types.BIGINT);
                s.setObject(++i, r.contextMaxTokens(), Types.BIGINT);
                s.setString(++i, json(r.models()));
                s.setString(++i, json(r.describedAt()));
                bindFigures(s, i, r.totals());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static void models(Connection c, Collection<ModelRollup> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(MODEL)) {
            for (ModelRollup r : rows) {
                int i = 0;
                s.setString(++i, r.tenantId());
                s.setString(++i, r.windowSize().label());
                s.setObject(++i, timestamp(r.windowStart()), Types.OTHER);
                s.setString(++i, r.project());
                s.setString(++i, r.provider());
                s.setString(++i, r.model());
                s.setObject(++i, timestamp(r.windowEnd()), Types.OTHER);
                bindFigures(s, i, r.totals());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static void agents(Connection c, Collection<AgentRollup> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(AGENT)) {
            for (AgentRollup r : rows) {
                int i = 0;
                s.setString(++i, r.tenantId());
                s.setString(++i, r.windowSize().label());
                s.setObject(++i, timestamp(r.windowStart()), Types.OTHER);
                s.setString(++i, r.agent());
                s.setObject(++i, timestamp(r.windowEnd()), Types.OTHER);
                bindFigures(s, i, r.totals());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static void tools(Connection c, Collection<ToolRollup> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(TOOL)) {
            for (ToolRollup r : rows) {
                int i = 0;
                s.setString(++i, r.tenantId());
                s.setString(++i, r.windowSize().label());
                s.setObject(++i, timestamp(r.windowStart()), Types.OTHER);
                s.setString(++i, r.tool());
                s.setObject(++i, timestamp(r.windowEnd()), Types.OTHER);
                s.setObject(++i, r.toolUsage().calls(), Types.BIGINT);
                s.setObject(++i, r.toolUsage().durationMs(), Types.BIGINT);
                s.setObject(++i, r.toolUsage().inputTokens(), Types.BIGINT);
                s.setObject(++i, r.toolUsage().outputTokens(), Types.BIGINT);
                bindFigures(s, i, r.totals());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void bindFigures(PreparedStatement s, int i, Rollup r) throws SQLException {
        s.setLong(++i, r.turns());
        s.setLong(++i, r.errorTurns());
        for (TokenCount count : new TokenCount[] {r.inputTokens(), r.outputTokens(), r.cacheReadTokens(),
                r.cacheWriteTokens(), r.cacheWrite1hTokens(), r.reasoningTokens(), r.totalTokens()}) {
            s.setObject(++i, count.sum(), Types.BIGINT);
            s.setLong(++i, count.turns());
        }
        s.setBigDecimal(++i, r.costUsd());
        s.setLong(++i, r.costTurns());
        s.setLong(++i, r.unpricedTurns());
        s.setLong(++i, r.incompleteCostTurns());
        s.setString(++i, r.costBreakdown().isEmpty() ? null : json(r.costBreakdown()));
        s.setObject(++i, r.durationMsSum(), Types.BIGINT);
        s.setObject(++i, r.durationMsMin(), Types.BIGINT);
        s.setObject(++i, r.durationMsMax(), Types.BIGINT);
        s.setLong(++i, r.durationTurns());
        s.setBytes(++i, r.latencySketch().isEmpty() ? null : r.latencySketch().toBytes());
        s.setObject(++i, r.latencyP50Ms(), Types.DOUBLE);
        s.setObject(++i, r.latencyP95Ms(), Types.DOUBLE);
        s.setObject(++i, r.latencyP99Ms(), Types.DOUBLE);
        s.setObject(++i, timestamp(r.firstSeen()), Types.OTHER);
        s.setObject(++i, timestamp(r.lastSeen()), Types.OTHER);
        s.setLong(++i, r.version());
    }

    /**
     * A time as PostgreSQL's text input, bound untyped: PostgreSQL rounds it to microseconds as it rounds the same
     * {@code occurred_at} in {@code turns} (written as text by {@code TurnRowWriter}), so a rollup's first and last
     * seen equal min and max of its turns to the microsecond (the driver's own rounding differs at exactly half).
     */
    private static String timestamp(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
