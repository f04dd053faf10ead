package io.agentmeter.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.turns.TurnRow;
import io.agentmeter.schema.Json;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@link TurnRow} from a result set holding {@link TurnRow#COLUMNS} plus {@code prompt_text} and
 * {@code params}. It is driven by TurnRow itself (its columns in order, then the types of its components), so the
 * live stream's turns have exactly the fields and the null rules of the session endpoint's turns, with no second
 * list of them to keep in step.
 */
final class StoredTurnRows {

    /** The columns to select, in TurnRow's order. */
    static final List<String> COLUMNS;
    private static final RecordComponent[] PARTS = TurnRow.class.getRecordComponents();
    private static final Constructor<TurnRow> CANONICAL;

    static {
        int plain = TurnRow.COLUMNS.size();
        if (PARTS.length != plain + 2 || !PARTS[plain].getName().equals("promptText")
                || !PARTS[plain + 1].getName().equals("params")) {
            throw new IllegalStateException("TurnRow no longer ends its columns with promptText and params");
        }
        COLUMNS = java.util.stream.Stream.concat(TurnRow.COLUMNS.stream(), java.util.stream.Stream.of("prompt_text",
                "params")).toList();
        try {
            CANONICAL = TurnRow.class.getDeclaredConstructor(Arrays.stream(PARTS).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredTurnRows() {
    }

    /** The current row, with prompt text and params included (the stream leaves them out for viewers). */
    static TurnRow read(ResultSet r) throws SQLException {
        Object[] values = new Object[PARTS.length];
        int plain = TurnRow.COLUMNS.size();
        for (int i = 0; i < plain; i++) {
            values[i] = value(r, TurnRow.COLUMNS.get(i), PARTS[i].getType());
        }
        values[plain] = new TurnRow.Included<>(r.getString("prompt_text"));
        values[plain + 1] = new TurnRow.Included<>(json(r, "params"));
        return build(values);
    }

    /** The same turn without prompt text and params: what a viewer key sees (the fields are left out, not null). */
    static TurnRow withoutDeveloperFields(TurnRow row) {
        Object[] values = new Object[PARTS.length];
        try {
            for (int i = 0; i < TurnRow.COLUMNS.size(); i++) {
                values[i] = PARTS[i].getAccessor().invoke(row);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read a TurnRow", e);
        }
        return build(values);
    }

    private static TurnRow build(Object[] values) {
        try {
            return CANONICAL.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build a TurnRow", e);
        }
    }

    /** A column as the component's type: null stays null (not reported), never 0. */
    private static Object value(ResultSet r, String column, Class<?> type) throws SQLException {
        if (type == String.class) {
            return r.getString(column);
        }
        if (type == Instant.class) {
            OffsetDateTime at = r.getObject(column, OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
        if (type == Long.class) {
            long v = r.getLong(column);
            return r.wasNull() ? null : v;
        }
        if (type == Integer.class) {
            int v = r.getInt(column);
            return r.wasNull() ? null : v;
        }
        if (type == boolean.class) {
            return r.getBoolean(column);
        }
        if (type == BigDecimal.class) {
            return r.getBigDecimal(column);
        }
        if (type == JsonNode.class) {
            return json(r, column);
        }
        throw new IllegalStateException("TurnRow has a " + type.getName() + " (" + column + ") this reader cannot read");
    }

    private static JsonNode json(ResultSet r, String column) throws SQLException {
        String text = r.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable jsonb in turns." + column, e);
        }
    }
}
