package io.agentmeter.query.recordings;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.Tabular;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One recording: its figures, per model and per session. */
@Schema(name = "RecordingDetail")
public record RecordingDetail(RecordingView recording, List<Group> models, List<Group> sessions) implements Tabular {

    /** The figures of one model or session within the recording. */
    @Schema(name = "RecordingGroup")
    public record Group(String id, FiguresView figures) {
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("kind", "id"));
        columns.addAll(FiguresView.COLUMNS);
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Group g : models) {
            List<Object> row = new ArrayList<>(List.of("model", g.id()));
            row.addAll(g.figures().cells());
            rows.add(row);
        }
        for (Group g : sessions) {
            List<Object> row = new ArrayList<>(List.of("session", g.id()));
            row.addAll(g.figures().cells());
            rows.add(row);
        }
        return rows;
    }
}
