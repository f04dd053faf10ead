package io.agentmeter.query.activity;

import io.agentmeter.query.http.Tabular;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of one session's transcript in time order; {@code next_cursor} is null on the last page. CSV: the entries. */
@Schema(name = "Transcript")
public record Transcript(String sessionId, List<TranscriptEntry> entries, String nextCursor) implements Tabular {

    @Override
    public List<String> columns() {
        return TranscriptEntry.COLUMNS;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        entries.forEach(e -> rows.add(e.cells()));
        return rows;
    }
}
