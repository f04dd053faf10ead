package io.agentmeter.schema.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.priced.PricedTurn;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * The one writer of the {@code turns} table. A turn is written only when its (tenant_id, event_id) is new to
 * {@code turn_keys}, in a single statement, so writing the same turn twice (a retried batch, a replay) leaves one
 * row. The caller owns the transaction.
 */
public final class TurnRowWriter {

    private static final String INSERT = """
            WITH new_key AS (
                INSERT INTO turn_keys (tenant_id, event_id, occurred_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            INSERT INTO turns (
                tenant_id, event_id, occurred_at, session_id, model, provider, project, agent, user_id,
                conversation_id, thread_id, turn_index, started_at, duration_ms, status, error_type,
                input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
                reasoning_tokens, total_tokens, context_used_tokens, context_max_tokens,
                token_breakdown, tools, params, labels, prompt_hash, prompt_text, recording_id,
                cost_status, cost_usd, computed_cost_usd, reported_cost_usd, cost_breakdown, price_version, late)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?,
                   ?, ?, ?, ?, ?, ?, ?,
                   ?, ?, ?, ?, ?,
                   ?, ?, ?, ?,
                   ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?,
                   ?, ?, ?, ?, ?::jsonb, ?, ?
            FROM new_key
            """;

    private TurnRowWriter() {
    }

    /**
     * Writes the turns whose keys are new and returns how many rows that was; the others were written before.
     * One round trip for the whole batch.
     */
    public static int insert(Connection connection, Collection<PricedTurn> turns) throws SQLException {
        if (turns.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (PricedTurn turn : turns) {
                bind(statement, turn);
                statement.addBatch();
            }
            int inserted = 0;
            for (int count : statement.executeBatch()) {
                inserted += Math.max(count, 0);
            }
            return inserted;
        }
    }

    private static void bind(PreparedStatement s, PricedTurn priced) throws SQLException {
        TurnEvent t = priced.turn();
        Usage u = t.usageOrUnknown();
        ContextWindow context = t.context();
        TurnCost cost = priced.cost();
        int i = 0;
        s.setString(++i, t.tenantId());
        s.setString(++i, t.eventId());
        s.setObject(++i, timestamp(t.occurredAt()));
        s.setString(++i, t.tenantId());
        s.setString(++i, t.eventId());
        s.setObject(++i, timestamp(t.occurredAt()));
        s.setString(++i, t.sessionId());
        s.setString(++i, t.model());
        s.setString(++i, t.provider());
        s.setString(++i, t.project());
        s.setString(++i, t.agent());
        s.setString(++i, t.userId());
        s.setString(++i, t.conversationId());
        s.setString(++i, t.threadId());
        s.setObject(++i, t.turnIndex(), Types.INTEGER);
        s.setObject(++i, timestamp(t.startedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.setObject(++i, t.durationMs(), Types.BIGINT);
        s.setString(++i, t.isError() ? TurnEvent.STATUS_ERROR : TurnEvent.STATUS_OK);
        s.setString(++i, t.errorType());
        for (Long count : new Long[] {u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(),
                u.cacheWrite1hTokens(), u.reasoningTokens(), u.totalTokens(),
                context == null ? null : context.usedTokens(), context == null ? null : context.maxTokens()}) {
            s.setObject(++i, count, Types.BIGINT);
        }
        s.setString(++i, json(t.tokenBreakdown()));
        s.setString(++i, json(t.tools()));
        s.setString(++i, json(t.params()));
        s.setString(++i, json(t.labels()));
        s.setString(++i, t.prompt() == null ? null : t.prompt().hash());
        s.setString(++i, t.prompt() == null ? null : t.prompt().text());
        s.setString(++i, t.recordingId());
        s.setString(++i, cost.status().wireName());
        s.setBigDecimal(++i, cost.totalUsd());
        s.setBigDecimal(++i, cost.computedUsd());
        s.setBigDecimal(++i, t.reportedCostUsd());
        s.setString(++i, json(cost));
        s.setString(++i, cost.priceVersion());
        s.setBoolean(++i, priced.late());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** JSON text for a jsonb column, or SQL NULL for a value that was not reported. */
    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
