package io.agentmeter.writer.jdbc;

import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.writer.sink.Storage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL behind the activity sink, on one {@link SinkConnection}: each batch's events go through
 * {@link ActivityRowWriter} (stored once per event id) in one transaction, after their months got their partitions
 * ({@link MonthlyPartitions#ensureFor}). Activity is never spend: no rollup reads it. A tenant that keeps no payloads
 * ({@code tenants.keep_activity_payloads = false}) gets none stored, whichever door the event came through (the
 * gateway drops them already; a direct Kafka producer's are dropped here).
 */
public final class ActivityStorage implements Storage<ActivityEvent> {

    static final String TENANTS_WITHOUT_PAYLOADS =
            "SELECT tenant_id FROM tenants WHERE tenant_id = ANY(?) AND NOT keep_activity_payloads";

    private final SinkConnection connection;
    private final MonthlyPartitions partitions;

    public ActivityStorage(String url, String user, String password, MonthlyPartitions partitions) {
        this.connection = new SinkConnection(url, user, password);
        this.partitions = partitions;
    }

    @Override
    public Written write(List<ActivityEvent> events) throws Exception {
        Connection c = connection.get();
        try {
            partitions.ensureFor(c, events.stream().map(ActivityEvent::occurredAt).toList());
            List<ActivityEvent> rows = withTenantsPayloadRule(c, events);
            List<ActivityEvent> fresh = ActivityRowWriter.insertNew(c, rows);
            c.commit();
            return new Written(fresh.size(), events.size() - fresh.size(), List.of());
        } catch (Exception e) {
            connection.discard();
            throw e;
        }
    }

    /** The events, their payloads dropped for tenants that keep none. */
    private static List<ActivityEvent> withTenantsPayloadRule(Connection c, List<ActivityEvent> events)
            throws SQLException {
        Set<String> withPayload = new HashSet<>();
        for (ActivityEvent event : events) {
            if (event.payload() != null) {
                withPayload.add(event.tenantId());
            }
        }
        if (withPayload.isEmpty()) {
            return events;
        }
        Set<String> keepNone = new HashSet<>();
        Array tenants = c.createArrayOf("text", withPayload.toArray());
        try (PreparedStatement s = c.prepareStatement(TENANTS_WITHOUT_PAYLOADS)) {
            s.setArray(1, tenants);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    keepNone.add(rows.getString(1));
                }
            }
        } finally {
            tenants.free();
        }
        if (keepNone.isEmpty()) {
            return events;
        }
        return events.stream().map(e -> keepNone.contains(e.tenantId()) ? e.withPayload(null) : e).toList();
    }

    @Override
    public void close() {
        connection.close();
    }
}
