package io.agentmeter.query.recordings;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.Tabular;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of recordings, newest first. */
@Schema(name = "RecordingPage")
public record RecordingPage(List<RecordingView> items, String nextCursor) implements Tabular {

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("recording_id", "user_id", "name", "started_at", "stopped_at"));
        columns.addAll(FiguresView.COLUMNS);
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (RecordingView r : items) {
            List<Object> row = new ArrayList<>(Arrays.asList(r.recordingId(), r.userId(), r.name(), r.startedAt(),
                    r.stoppedAt()));
            row.addAll(r.figures().cells());
            rows.add(row);
        }
        return rows;
    }
}
