package io.agentmeter.query.it;

import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.schema.activity.ActivityStatus;
import io.agentmeter.writer.jdbc.ActivityRowWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes activity rows the way the writer does ({@link ActivityRowWriter#insertNew}: the activity_keys guard, one row
 * per event id), for the tests of the read side.
 */
public final class ActivityRows {

    private ActivityRows() {
    }

    /** Writes the events (each carrying its tenant); returns how many were new. */
    public static int write(DataSource dataSource, List<ActivityEvent> events) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ActivityRowWriter.insertNew(c, events).size();
        }
    }

    public static int write(Connection c, List<ActivityEvent> events) throws SQLException {
        return ActivityRowWriter.insertNew(c, events).size();
    }

    /** An activity event of {@code tenant}: the optional fields given, the rest not reported. */
    public static ActivityEvent event(String tenant, String id, Instant at, String session, ActivityKind kind,
                                      String name, ActivityStatus status, Long durationMs, String payload) {
        return ActivityEvent.builder().eventId(id).occurredAt(at).sessionId(session).kind(kind).name(name)
                .status(status).durationMs(durationMs).payload(payload).build().withTenant(tenant);
    }
}
