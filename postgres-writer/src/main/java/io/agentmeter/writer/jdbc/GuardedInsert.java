package io.agentmeter.writer.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.schema.Json;
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
 * Writes rows into a table whose identity is guarded by a key table: a row is written only when its
 * {@code (tenant_id, event_id)} is new to the key table, in a single statement, so writing the same row twice (a
 * retried batch, a replay) leaves one: PostgreSQL's key guard decides which copy of an event id is stored (the first
 * written), and {@link #insertNew} says which rows of a batch were new. The caller owns the transaction. Used for
 * {@code turns} / {@code turn_keys} ({@link TurnRowWriter}) and {@code activity} / {@code activity_keys}
 * ({@link ActivityRowWriter}); a partitioned table cannot have a unique key without its partition column, hence the
 * guard.
 *
 * <p>The whole batch is one statement: each column travels as one array ({@code unnest}), so PostgreSQL parses,
 * plans and executes once per batch instead of once per row, which more than halves its work per row.
 *
 * @param <V> what one row is made of
 */
final class GuardedInsert<V> {

    /** A column: its name, its SQL type, and its value for a row as PostgreSQL text input (null: SQL NULL). */
    record Column<V>(String name, String type, Function<V, String> value) {
    }

    private final List<Column<V>> columns;
    private final Function<V, List<String>> key;
    private final String insert;

    /**
     * @param columns the table's columns; the first three must be {@code tenant_id}, {@code event_id} and
     *                {@code occurred_at}, which the key table holds too
     * @param key     a row's (tenant_id, event_id)
     */
    GuardedInsert(String table, String keyTable, List<Column<V>> columns, Function<V, List<String>> key) {
        if (!columns.subList(0, 3).stream().map(Column::name).toList()
                .equals(List.of("tenant_id", "event_id", "occurred_at"))) {
            throw new IllegalArgumentException("the first columns must be tenant_id, event_id, occurred_at");
        }
        this.columns = List.copyOf(columns);
        this.key = key;
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String arrays = columns.stream().map(c -> "?::" + c.type() + "[]").collect(Collectors.joining(", "));
        String fromBatch = columns.stream().map(c -> "b." + c.name()).collect(Collectors.joining(", "));
        this.insert = "WITH batch AS (SELECT * FROM unnest(" + arrays + ") AS b (" + names + ")),"
                + " new_key AS (INSERT INTO " + keyTable + " (tenant_id, event_id, occurred_at)"
                + " SELECT tenant_id, event_id, occurred_at FROM batch"
                + " ON CONFLICT DO NOTHING RETURNING tenant_id, event_id)"
                + " INSERT INTO " + table + " (" + names + ") SELECT " + fromBatch
                + " FROM batch b JOIN new_key k ON k.tenant_id = b.tenant_id AND k.event_id = b.event_id"
                + " RETURNING tenant_id, event_id";
    }

    /**
     * Writes the rows whose keys are new and returns them, in batch order: the rows this batch adds to what the
     * database holds (a key seen before, in this batch or any earlier, adds nothing). One statement for the whole
     * batch; of two rows with the same key in it, the first is written.
     */
    List<V> insertNew(Connection connection, Collection<V> items) throws SQLException {
        if (items.isEmpty()) {
            return List.of();
        }
        List<V> rows = firstOfEachKey(items);
        List<Array> arrays = new ArrayList<>(columns.size());
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            int i = 0;
            for (Column<V> column : columns) {
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
            List<V> fresh = new ArrayList<>(written.size());
            for (V row : rows) {
                if (written.contains(key.apply(row))) {
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
    private List<V> firstOfEachKey(Collection<V> items) {
        Map<List<String>, V> byKey = new LinkedHashMap<>();
        for (V item : items) {
            byKey.putIfAbsent(key.apply(item), item);
        }
        return byKey.size() == items.size() && items instanceof List<V> list ? list : new ArrayList<>(byKey.values());
    }

    /** PostgreSQL's text input for a value, or SQL NULL for one that was not reported. */
    static String text(Object value) {
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
    static String json(Object value) {
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
