package io.agentmeter.writer.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.DescribedAt;
import io.agentmeter.schema.rollup.LatencySketch;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.Rollup;
import io.agentmeter.schema.rollup.RollupKeys;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.TokenCount;
import io.agentmeter.schema.rollup.ToolRollup;
import io.agentmeter.schema.rollup.ToolTotals;
import io.agentmeter.schema.rollup.WindowSize;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads rollup rows back as the values the sink adds to ({@link RollupLedger}): the inverse of
 * {@link RollupUpserts}' binding, column for column. Rows are looked up by the keys of a batch's deltas, all keys of a
 * table in one statement, and returned under the same keys ({@link RollupKeys}).
 */
final class StoredRollups {

    private static final JavaType MODELS = type(new TypeReference<Map<String, Rollup>>() {
    });
    private static final JavaType BREAKDOWN = type(new TypeReference<Map<String, BigDecimal>>() {
    });
    private static final JavaType DESCRIBED_AT = Json.mapper().constructType(DescribedAt.class);

    private StoredRollups() {
    }

    private static JavaType type(TypeReference<?> reference) {
        return Json.mapper().getTypeFactory().constructType(reference);
    }

    static Map<String, SessionRollup> sessions(Connection c, Collection<SessionRollup> keys) throws SQLException {
        return read(c, RollupUpserts.SESSIONS, keys, List.of(SessionRollup::tenantId, SessionRollup::sessionId),
                rows -> {
                    String tenant = rows.getString(1);
                    String session = rows.getString(2);
                    SessionRollup r = new SessionRollup(tenant, session, rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getObject(7, Long.class),
                            rows.getObject(8, Long.class), json(rows.getString(9), MODELS), figures(rows, 11),
                            json(rows.getString(10), DESCRIBED_AT));
                    return Map.entry(RollupKeys.session(tenant, session), r);
                });
    }

    static Map<String, ModelRollup> models(Connection c, Collection<ModelRollup> keys) throws SQLException {
        return read(c, RollupUpserts.MODELS, keys, List.of(ModelRollup::tenantId, r -> r.windowSize().label(),
                r -> r.windowStart().toString(), ModelRollup::project, ModelRollup::provider, ModelRollup::model),
                rows -> {
                    WindowSize size = WindowSize.ofLabel(rows.getString(2));
                    Instant start = instant(rows, 3);
                    ModelRollup r = new ModelRollup(rows.getString(1), size, start, instant(rows, 7),
                            rows.getString(4), rows.getString(5), rows.getString(6), figures(rows, 8));
                    return Map.entry(RollupKeys.windowed(r.tenantId(), size, start, r.project(), r.provider(),
                            r.model()), r);
                });
    }

    static Map<String, AgentRollup> agents(Connection c, Collection<AgentRollup> keys) throws SQLException {
        return read(c, RollupUpserts.AGENTS, keys, List.of(AgentRollup::tenantId, r -> r.windowSize().label(),
                r -> r.windowStart().toString(), AgentRollup::agent),
                rows -> {
                    WindowSize size = WindowSize.ofLabel(rows.getString(2));
                    Instant start = instant(rows, 3);
                    AgentRollup r = new AgentRollup(rows.getString(1), size, start, instant(rows, 5),
                            rows.getString(4), figures(rows, 6));
                    return Map.entry(RollupKeys.windowed(r.tenantId(), size, start, r.agent()), r);
                });
    }

    static Map<String, ToolRollup> tools(Connection c, Collection<ToolRollup> keys) throws SQLException {
        return read(c, RollupUpserts.TOOLS, keys, List.of(ToolRollup::tenantId, r -> r.windowSize().label(),
                r -> r.windowStart().toString(), ToolRollup::tool),
                rows -> {
                    WindowSize size = WindowSize.ofLabel(rows.getString(2));
                    Instant start = instant(rows, 3);
                    ToolTotals usage = new ToolTotals(rows.getObject(6, Long.class), rows.getObject(7, Long.class),
                            rows.getObject(8, Long.class), rows.getObject(9, Long.class));
                    ToolRollup r = new ToolRollup(rows.getString(1), size, start, instant(rows, 5),
                            rows.getString(4), usage, figures(rows, 10));
                    return Map.entry(RollupKeys.windowed(r.tenantId(), size, start, r.tool()), r);
                });
    }

    /** One row read into a keyed value. */
    private interface RowReader<V> {
        Map.Entry<String, V> read(ResultSet rows) throws SQLException;
    }

    /**
     * The stored rows whose keys are those of {@code values}: one statement, the keys passed as one text array per
     * key column ({@code window_start} cast to timestamptz).
     */
    private static <V> Map<String, V> read(Connection c, RollupUpserts.Table table, Collection<V> values,
                                           List<Function<V, String>> key, RowReader<V> reader) throws SQLException {
        if (values.isEmpty()) {
            return Map.of();
        }
        String arrays = table.key().stream()
                .map(column -> column.equals("window_start") ? "?::text[]::timestamptz[]" : "?::text[]")
                .collect(Collectors.joining(", "));
        String sql = "SELECT " + String.join(", ", table.columns()) + " FROM " + table.name() + " WHERE ("
                + String.join(", ", table.key()) + ") IN (SELECT * FROM unnest(" + arrays + "))";
        List<Array> bound = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int k = 0; k < key.size(); k++) {
                String[] column = new String[values.size()];
                int row = 0;
                for (V value : values) {
                    column[row++] = key.get(k).apply(value);
                }
                Array array = c.createArrayOf("text", column);
                bound.add(array);
                s.setArray(k + 1, array);
            }
            Map<String, V> out = new HashMap<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Map.Entry<String, V> entry = reader.read(rows);
                    out.put(entry.getKey(), entry.getValue());
                }
            }
            return out;
        } finally {
            for (Array array : bound) {
                array.free();
            }
        }
    }

    /** The figures from column {@code first} on, in {@code RollupUpserts.FIGURES} order. */
    private static Rollup figures(ResultSet rows, int first) throws SQLException {
        int i = first;
        long turns = rows.getLong(i++);
        long errorTurns = rows.getLong(i++);
        TokenCount[] counts = new TokenCount[7];
        for (int k = 0; k < counts.length; k++) {
            Long sum = rows.getObject(i++, Long.class);
            counts[k] = new TokenCount(sum, rows.getLong(i++));
        }
        BigDecimal cost = rows.getBigDecimal(i++);
        long costTurns = rows.getLong(i++);
        long unpriced = rows.getLong(i++);
        long incomplete = rows.getLong(i++);
        Map<String, BigDecimal> breakdown = json(rows.getString(i++), BREAKDOWN);
        Long durationSum = rows.getObject(i++, Long.class);
        Long durationMin = rows.getObject(i++, Long.class);
        Long durationMax = rows.getObject(i++, Long.class);
        long durationTurns = rows.getLong(i++);
        byte[] sketch = rows.getBytes(i++);
        i += 3; // the quantiles, read off the sketch when written
        Instant firstSeen = instant(rows, i++);
        Instant lastSeen = instant(rows, i++);
        long version = rows.getLong(i);
        return new Rollup(turns, errorTurns, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
                counts[6], cost, costTurns, unpriced, incomplete, breakdown == null ? Map.of() : breakdown,
                durationSum, durationMin, durationMax, durationTurns,
                sketch == null ? LatencySketch.EMPTY : LatencySketch.fromBytes(sketch), firstSeen, lastSeen, version);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime at = rows.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** A jsonb column's value read as {@code type}; null for SQL NULL. */
    private static <T> T json(String text, JavaType type) {
        try {
            return text == null ? null : Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
