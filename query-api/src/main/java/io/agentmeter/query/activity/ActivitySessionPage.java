package io.agentmeter.query.activity;

import io.agentmeter.query.http.Tabular;
import io.agentmeter.schema.activity.ActivityKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of sessions with activity, latest activity first; {@code next_cursor} is null on the last page. */
@Schema(name = "ActivitySessionPage")
public record ActivitySessionPage(List<ActivitySession> items, String nextCursor) implements Tabular {

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("session_id", "project", "agent", "user_id",
                "first_activity_at", "last_activity_at", "entries"));
        for (ActivityKind kind : ActivityKind.values()) {
            columns.add(kind.wire());
        }
        columns.addAll(List.of("error_entries", "has_turns"));
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (ActivitySession s : items) {
            List<Object> row = new ArrayList<>(Arrays.asList(s.sessionId(), s.project(), s.agent(), s.userId(),
                    s.firstActivityAt(), s.lastActivityAt(), s.entries()));
            for (ActivityKind kind : ActivityKind.values()) {
                row.add(s.kinds().get(kind.wire()));
            }
            row.add(s.errorEntries());
            row.add(s.hasTurns());
            rows.add(row);
        }
        return rows;
    }
}
