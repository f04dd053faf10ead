package io.agentmeter.writer.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.priced.PricedTurn;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one writer of the {@code turns} table. A turn is written only when its (tenant_id, event_id) is new to
 * {@code turn_keys}, in a single statement, so writing the same turn twice (a retried batch, a replay) leaves one
 * row: PostgreSQL's key guard decides which copy of an event id is the turn (the first written), and
 * {@link #insertNew} says which turns of a batch were new, for the rollups. The caller owns the transaction.
 *
 * <p>The whole batch is one statement: each column travels as one array ({@code unnest}), so PostgreSQL parses,
 * plans and executes once per batch instead of once per turn, which more than halves its work per turn.
 */
public final class TurnRowWriter {

    /** A column of {@code turns}: its name, its SQL type, and its value for a turn as PostgreSQL text input. */
    private record Column(String name, String type, Function<PricedTurn, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("tenant_id", "text", p -> p.turn().tenantId()),
            new Column("event_id", "text", p -> p.turn().eventId()),
            new Column("occurred_at", "timestamptz", p -> text(p.turn().occurredAt())),
            new Column("session_id", "text", p -> p.turn().sessionId()),
            new Column("model", "text", p -> p.turn().model()),
            new Column("provider", "text", p -> p.turn().provider()),
            new Column("project", "text", p -> p.turn().project()),
            new Column("agent", "text", p -> p.turn().agent()),
            new Column("user_id", "text", p -> p.turn().userId()),
            new Column("conversation_id", "text", p -> p.turn().conversationId()),
            new Column("thread_id", "text", p -> p.turn().threadId()),
            new Column("turn_index", "int4", p -> text(p.turn().turnIndex())),
            new Column("started_at", "timestamptz", p -> text(p.turn().startedAt())),
            new Column("duration_ms", "int8", p -> text(p.turn().durationMs())),
            new Column("status", "text", p -> p.turn().isError() ? TurnEvent.STATUS_ERROR : TurnEvent.STATUS_OK),
            new Column("error_type", "text", p -> p.turn().errorType()),
            new Column("input_tokens", "int8", p -> text(p.turn().usageOrUnknown().inputTokens())),
            new Column("output_tokens", "int8", p -> text(p.turn().usageOrUnknown().outputTokens())),
            new Column("cache_read_tokens", "int8", p -> text(p.turn().usageOrUnknown().cacheReadTokens())),
            new Column("cache_write_tokens", "int8", p -> text(p.turn().usageOrUnknown().cacheWriteTokens())),
            new Column("cache_write_1h_tokens", "int8", p -> text(p.turn().usageOrUnknown().cacheWrite1hTokens())),
            new Column("reasoning_tokens", "int8", p -> text(p.turn().usageOrUnknown().reasoningTokens())),
            new Column("total_tokens", "int8", p -> text(p.turn().usageOrUnknown().totalTokens())),
            new Column("context_used_tokens", "int8",
                    p -> p.turn().context() == null ? null : text(p.turn().context().usedTokens())),
            new Column("context_max_tokens", "int8",
                    p -> p.turn().context() == null ? null : text(p.turn().context().maxTokens())),
            new Column("token_breakdown", "jsonb", p -> json(p.turn().tokenBreakdown())),
            new Column("tools", "jsonb", p -> json(p.turn().tools())),
            new Column("params", "jsonb", p -> json(p.turn().params())),
            new Column("labels", "jsonb", p -> json(p.turn().labels())),
            new Column("prompt_hash", "text", p -> p.turn().prompt() == null ? null : p.turn().prompt().hash()),
            new Column("prompt_text", "text", p -> p.turn().prompt() == null ? null : p.turn().prompt().text()),
            new Column("recording_id", "text", p -> p.turn().recordingId()),
            new Column("cost_status", "text", p -> p.cost().status().wireName()),
            new Column("cost_usd", "numeric", p -> text(p.cost().totalUsd())),
            new Column("computed_cost_usd", "numeric", p -> text(p.cost().computedUsd())),
            new Column("reported_cost_usd", "numeric", p -> text(p.turn().reportedCostUsd())),
            new Column("cost_breakdown", "jsonb", p -> json(p.cost())),
            new Column("price_version", "text", p -> p.cost().priceVersion()),
            new Column("late", "bool", p -> String.valueOf(p.late())));

    private static final String INSERT = insert();

    private TurnRowWriter() {
    }

    private static String insert() {
        String names = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
        String arrays = COLUMNS.stream().map(c -> "?::" + c.type() + "[]").collect(Collectors.joining(", "));
        String fromBatch = COLUMNS.stream().map(c -> "b." + c.name()).collect(Collectors.joining(", "));
        return "WITH batch AS (SELECT * FROM unnest(" + arrays + ") AS b (" + names + ")),"
                + " new_key AS (INSERT INTO turn_keys (tenant_id, event_id, occurred_at)"
                + " SELECT tenant_id, event_id, occurred_at FROM batch"
                + " ON CONFLICT DO NOTHING RETURNING tenant_id, event_id)"
                + " INSERT INTO turns (" + names + ") SELECT " + fromBatch
                + " FROM batch b JOIN new_key k ON k.tenant_id = b.tenant_id AND k.event_id = b.event_id"
                + " RETURNING tenant_id, event_id";
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
        if (turns.isEmpty()) {
            return List.of();
        }
        List<PricedTurn> rows = firstOfEachKey(turns);
        List<Array> arrays = new ArrayList<>(COLUMNS.size());
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            int i = 0;
            for (Column column : COLUMNS) {
                String[] values = new String[rows.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = column.value().apply(rows.get(row));
                }
                Array array = connection.createArrayOf("text", values);
                arrays.add(array);
                statement.setArray(++i, array);
            }
            Set<List<String>> written = new HashSet<>();
            try (ResultSet keys = statement.executeQuery()) {
                while (keys.next()) {
                    written.add(List.of(keys.getString(1), keys.getString(2)));
                }
            }
            if (written.size() == rows.size()) {
                return rows;
            }
            List<PricedTurn> fresh = new ArrayList<>(written.size());
            for (PricedTurn row : rows) {
                if (written.contains(List.of(row.turn().tenantId(), row.turn().eventId()))) {
                    fresh.add(row);
                }
            }
            return fresh;
        } finally {
            for (Array array : arrays) {
                array.free();
            }
        }
    }

    /** The key guard is filled by the same statement, so it cannot see a key repeated within the batch. */
    private static List<PricedTurn> firstOfEachKey(Collection<PricedTurn> turns) {
        Map<List<String>, PricedTurn> byKey = new LinkedHashMap<>();
        for (PricedTurn turn : turns) {
            byKey.putIfAbsent(List.of(turn.turn().tenantId(), turn.turn().eventId()), turn);
        }
        return byKey.size() == turns.size() && turns instanceof List<PricedTurn> list
                ? list : new ArrayList<>(byKey.values());
    }

    /** PostgreSQL's text input for a value, or SQL NULL for one that was not reported. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value.toString();
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
