package io.agentmeter.writer.jdbc;

import static io.agentmeter.writer.jdbc.GuardedInsert.json;
import static io.agentmeter.writer.jdbc.GuardedInsert.text;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.writer.jdbc.GuardedInsert.Column;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The one writer of the {@code turns} table, through the {@code turn_keys} guard ({@link GuardedInsert}): a turn is
 * written only when its (tenant_id, event_id) is new, so writing the same turn twice (a retried batch, a replay)
 * leaves one row, and {@link #insertNew} says which turns of a batch were new, for the rollups. The caller owns the
 * transaction.
 */
public final class TurnRowWriter {

    private static final List<Column<PricedTurn>> COLUMNS = List.of(
            new Column<>("tenant_id", "text", p -> p.turn().tenantId()),
            new Column<>("event_id", "text", p -> p.turn().eventId()),
            new Column<>("occurred_at", "timestamptz", p -> text(p.turn().occurredAt())),
            new Column<>("session_id", "text", p -> p.turn().sessionId()),
            new Column<>("model", "text", p -> p.turn().model()),
            new Column<>("provider", "text", p -> p.turn().provider()),
            new Column<>("project", "text", p -> p.turn().project()),
            new Column<>("agent", "text", p -> p.turn().agent()),
            new Column<>("user_id", "text", p -> p.turn().userId()),
            new Column<>("conversation_id", "text", p -> p.turn().conversationId()),
            new Column<>("thread_id", "text", p -> p.turn().threadId()),
            new Column<>("turn_index", "int4", p -> text(p.turn().turnIndex())),
            new Column<>("started_at", "timestamptz", p -> text(p.turn().startedAt())),
            new Column<>("duration_ms", "int8", p -> text(p.turn().durationMs())),
            new Column<>("status", "text", p -> p.turn().isError() ? TurnEvent.STATUS_ERROR : TurnEvent.STATUS_OK),
            new Column<>("error_type", "text", p -> p.turn().errorType()),
            new Column<>("input_tokens", "int8", p -> text(p.turn().usageOrUnknown().inputTokens())),
            new Column<>("output_tokens", "int8", p -> text(p.turn().usageOrUnknown().outputTokens())),
            new Column<>("cache_read_tokens", "int8", p -> text(p.turn().usageOrUnknown().cacheReadTokens())),
            new Column<>("cache_write_tokens", "int8", p -> text(p.turn().usageOrUnknown().cacheWriteTokens())),
            new Column<>("cache_write_1h_tokens", "int8", p -> text(p.turn().usageOrUnknown().cacheWrite1hTokens())),
            new Column<>("reasoning_tokens", "int8", p -> text(p.turn().usageOrUnknown().reasoningTokens())),
            new Column<>("total_tokens", "int8", p -> text(p.turn().usageOrUnknown().totalTokens())),
            new Column<>("context_used_tokens", "int8",
                    p -> p.turn().context() == null ? null : text(p.turn().context().usedTokens())),
            new Column<>("context_max_tokens", "int8",
                    p -> p.turn().context() == null ? null : text(p.turn().context().maxTokens())),
            new Column<>("token_breakdown", "jsonb", p -> json(p.turn().tokenBreakdown())),
            new Column<>("tools", "jsonb", p -> json(p.turn().tools())),
            new Column<>("params", "jsonb", p -> json(p.turn().params())),
            new Column<>("labels", "jsonb", p -> json(p.turn().labels())),
            new Column<>("prompt_hash", "text", p -> p.turn().prompt() == null ? null : p.turn().prompt().hash()),
            new Column<>("prompt_text", "text", p -> p.turn().prompt() == null ? null : p.turn().prompt().text()),
            new Column<>("recording_id", "text", p -> p.turn().recordingId()),
            new Column<>("cost_status", "text", p -> p.cost().status().wireName()),
            new Column<>("cost_usd", "numeric", p -> text(p.cost().totalUsd())),
            new Column<>("computed_cost_usd", "numeric", p -> text(p.cost().computedUsd())),
            new Column<>("reported_cost_usd", "numeric", p -> text(p.turn().reportedCostUsd())),
            new Column<>("cost_breakdown", "jsonb", p -> json(p.cost())),
            new Column<>("price_version", "text", p -> p.cost().priceVersion()),
            new Column<>("late", "bool", p -> String.valueOf(p.late())));

    private static final GuardedInsert<PricedTurn> INSERT = new GuardedInsert<>("turns", "turn_keys", COLUMNS,
            p -> List.of(p.turn().tenantId(), p.turn().eventId()));

    private TurnRowWriter() {
    }

    /**
     * Writes the turns whose keys are new and returns how many rows that was; the others were written before.
     * One statement for the whole batch; of two turns with the same key in it, the first is written.
     */
    public static int insert(Connection connection, Collection<PricedTurn> turns) throws SQLException {
        return insertNew(connection, turns).size();
    }

    /**
     * Writes the turns whose keys are new and returns them, in batch order: the turns this batch adds to what the
     * database holds, and so exactly what the rollups must add (a key seen before, in this batch or any earlier, adds
     * nothing). One statement for the whole batch; of two turns with the same key in it, the first is written.
     */
    public static List<PricedTurn> insertNew(Connection connection, Collection<PricedTurn> turns)
            throws SQLException {
        return INSERT.insertNew(connection, turns);
    }
}
