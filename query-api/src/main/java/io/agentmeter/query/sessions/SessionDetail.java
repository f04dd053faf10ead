package io.agentmeter.query.sessions;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.Tabular;
import io.agentmeter.query.turns.TurnRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One session, computed from its turns: totals, the per-model breakdown, the context-window peak, and its turns in
 * order (a page at a time). CSV holds the turns.
 */
@Schema(name = "SessionDetail")
public record SessionDetail(
        String sessionId,
        Instant firstSeen,
        Instant lastSeen,
        long durationMs,
        String project,
        String agent,
        String userId,
        List<String> recordingIds,
        @Schema(description = "Highest context_used_tokens any turn reported; null when none did")
        Long contextPeakTokens,
        Long contextMaxTokens,
        FiguresView figures,
        List<ModelFigures> models,
        List<TurnRow> turns,
        String nextCursor) implements Tabular {

    /** The figures of one model within the session. */
    @Schema(name = "ModelFigures")
    public record ModelFigures(String model, FiguresView figures) {
    }

    @Override
    public List<String> columns() {
        return TurnRow.COLUMNS;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        turns.forEach(t -> rows.add(t.cells()));
        return rows;
    }
}
