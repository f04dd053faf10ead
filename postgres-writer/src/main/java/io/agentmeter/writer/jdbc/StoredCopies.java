package io.agentmeter.writer.jdbc;

import io.agentmeter.writer.sink.Storage;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.priced.PricedTurn;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The copies PostgreSQL's key guard turned away, compared with the stored first copy: the aggregator recognises
 * copies within its dedupe horizon, but one that arrives later, or under another {@code session_id}, reaches the sink,
 * which stores and counts it nowhere; if its content differs, it is still a conflicting duplicate, and the operator
 * learns so with the field that differs ({@link Storage.Conflict}).
 */
final class StoredCopies {

    /** A compared field: its column in {@code turns}, its JSON path, and the copy's value. */
    private record Field(String column, String path, Function<TurnEvent, Object> value) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("session_id", "$.session_id", TurnEvent::sessionId),
            new Field("model", "$.model", TurnEvent::model),
            new Field("provider", "$.provider", TurnEvent::provider),
            new Field("status", "$.status", t -> t.isError() ? TurnEvent.STATUS_ERROR : TurnEvent.STATUS_OK),
            new Field("duration_ms", "$.duration_ms", TurnEvent::durationMs),
            new Field("input_tokens", "$.usage.input_tokens", t -> t.usageOrUnknown().inputTokens()),
            new Field("output_tokens", "$.usage.output_tokens", t -> t.usageOrUnknown().outputTokens()),
            new Field("cache_read_tokens", "$.usage.cache_read_tokens", t -> t.usageOrUnknown().cacheReadTokens()),
            new Field("cache_write_tokens", "$.usage.cache_write_tokens", t -> t.usageOrUnknown().cacheWriteTokens()),
            new Field("reasoning_tokens", "$.usage.reasoning_tokens", t -> t.usageOrUnknown().reasoningTokens()),
            new Field("total_tokens", "$.usage.total_tokens", t -> t.usageOrUnknown().totalTokens()));

    private static final String SELECT = "SELECT k.tenant_id, k.event_id, t.occurred_at"
            + FIELDS.stream().map(f -> ", t." + f.column()).reduce("", String::concat)
            + " FROM unnest(?::text[], ?::text[]) AS b (tenant_id, event_id)"
            + " JOIN turn_keys k ON k.tenant_id = b.tenant_id AND k.event_id = b.event_id"
            + " JOIN turns t ON t.tenant_id = k.tenant_id AND t.event_id = k.event_id AND t.occurred_at = k.occurred_at";

    private StoredCopies() {
    }

    /** Those of {@code copies} (turns whose key was stored before) whose content differs from the stored turn. */
    static List<Storage.Conflict> conflicts(Connection c, List<PricedTurn> copies) throws SQLException {
        if (copies.isEmpty()) {
            return List.of();
        }
        Map<List<String>, Object[]> stored = new HashMap<>();
        String[] tenants = new String[copies.size()];
        String[] ids = new String[copies.size()];
        for (int i = 0; i < copies.size(); i++) {
            tenants[i] = copies.get(i).turn().tenantId();
            ids[i] = copies.get(i).turn().eventId();
        }
        Array tenantArray = c.createArrayOf("text", tenants);
        Array idArray = c.createArrayOf("text", ids);
        try (PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setArray(1, tenantArray);
            s.setArray(2, idArray);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Object[] values = new Object[FIELDS.size() + 1];
                    values[0] = rows.getObject(3, OffsetDateTime.class).toInstant();
                    for (int f = 0; f < FIELDS.size(); f++) {
                        values[f + 1] = rows.getObject(4 + f);
                    }
                    stored.put(List.of(rows.getString(1), rows.getString(2)), values);
                }
            }
        } finally {
            tenantArray.free();
            idArray.free();
        }
        List<Storage.Conflict> conflicts = new ArrayList<>();
        for (PricedTurn copy : copies) {
            TurnEvent turn = copy.turn();
            Object[] first = stored.get(List.of(turn.tenantId(), turn.eventId()));
            if (first != null) {
                String difference = difference(turn, first);
                if (difference != null) {
                    conflicts.add(new Storage.Conflict(turn.tenantId(), turn.eventId(), difference));
                }
            }
        }
        return conflicts;
    }

    /** The first field in which the copy differs from the stored turn, as "path: stored X, this copy Y"; or null. */
    private static String difference(TurnEvent copy, Object[] stored) {
        Instant at = (Instant) stored[0];
        // PostgreSQL keeps microseconds: a copy within one of the stored time is the same time.
        if (Duration.between(at, copy.occurredAt()).abs().compareTo(Duration.ofNanos(1000)) >= 0) {
            return "$.occurred_at: stored first copy " + at + ", this copy " + copy.occurredAt();
        }
        for (int f = 0; f < FIELDS.size(); f++) {
            Object mine = FIELDS.get(f).value().apply(copy);
            Object theirs = stored[f + 1];
            if (!Objects.equals(normal(mine), normal(theirs))) {
                return FIELDS.get(f).path() + ": stored first copy " + theirs + ", this copy " + mine;
            }
        }
        return null;
    }

    /** Numbers compared as longs (int4 and int8 columns, Integer and Long fields). */
    private static Object normal(Object value) {
        return value instanceof Number n ? (Object) n.longValue() : value;
    }
}
