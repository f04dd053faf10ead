package io.agentmeter.query.sessions;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.Tabular;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of sessions; {@code next_cursor} is null on the last page. */
@Schema(name = "SessionPage")
public record SessionPage(String sort, String order, List<SessionItem> items, String nextCursor) implements Tabular {

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("session_id", "project", "agent", "user_id", "first_seen",
                "last_seen", "duration_ms", "context_peak_tokens", "context_max_tokens", "models"));
        columns.addAll(FiguresView.COLUMNS);
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (SessionItem s : items) {
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(s.sessionId(), s.project(), s.agent(),
                    s.userId(), s.firstSeen(), s.lastSeen(), s.durationMs(), s.contextPeakTokens(),
                    s.contextMaxTokens(), String.join(" ", s.models())));
            row.addAll(s.figures().cells());
            rows.add(row);
        }
        return rows;
    }
}
