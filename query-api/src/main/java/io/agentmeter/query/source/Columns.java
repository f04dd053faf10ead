package io.agentmeter.query.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading a row's nullable columns: SQL NULL stays null (missing is not zero), jsonb becomes a tree. */
public final class Columns {

    private Columns() {
    }

    public static Long long_(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    public static Integer integer(ResultSet r, String column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }

    /** A jsonb column's text as a tree; null for SQL NULL. */
    public static JsonNode json(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable jsonb from PostgreSQL", e);
        }
    }
}
