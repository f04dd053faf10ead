package io.agentmeter.writer.jdbc;

import static io.agentmeter.writer.jdbc.GuardedInsert.text;

import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.writer.jdbc.GuardedInsert.Column;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The one writer of the {@code activity} table (migration V13), through the {@code activity_keys} guard
 * ({@link GuardedInsert}): an event is stored only when its (tenant_id, event_id) is new, so a replayed batch or a
 * re-sent export leaves one row, the first copy. The caller owns the transaction.
 */
public final class ActivityRowWriter {

    private static final List<Column<ActivityEvent>> COLUMNS = List.of(
            new Column<>("tenant_id", "text", ActivityEvent::tenantId),
            new Column<>("event_id", "text", ActivityEvent::eventId),
            new Column<>("occurred_at", "timestamptz", e -> text(e.occurredAt())),
            new Column<>("session_id", "text", ActivityEvent::sessionId),
            new Column<>("kind", "text", e -> e.kind() == null ? null : e.kind().wire()),
            new Column<>("name", "text", ActivityEvent::name),
            new Column<>("status", "text", e -> e.status() == null ? null : e.status().wire()),
            new Column<>("duration_ms", "int8", e -> text(e.durationMs())),
            new Column<>("model", "text", ActivityEvent::model),
            new Column<>("provider", "text", ActivityEvent::provider),
            new Column<>("project", "text", ActivityEvent::project),
            new Column<>("agent", "text", ActivityEvent::agent),
            new Column<>("user_id", "text", ActivityEvent::userId),
            new Column<>("source", "text", ActivityEvent::source),
            new Column<>("payload", "text", ActivityEvent::payload));

    private static final GuardedInsert<ActivityEvent> INSERT = new GuardedInsert<>("activity", "activity_keys",
            COLUMNS, e -> List.of(e.tenantId(), e.eventId()));

    private ActivityRowWriter() {
    }

    /** Writes the events whose keys are new and returns them, in batch order (of two copies in it, the first). */
    public static List<ActivityEvent> insertNew(Connection connection, Collection<ActivityEvent> events)
            throws SQLException {
        return INSERT.insertNew(connection, events);
    }
}
