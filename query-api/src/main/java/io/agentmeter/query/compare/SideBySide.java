package io.agentmeter.query.compare;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.Tabular;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Two to five sessions (or recordings) side by side: the same figures for each, and their turns aligned by position
 * (1 = each one's first turn in time order), a page of positions at a time.
 */
@Schema(name = "SideBySide")
public record SideBySide(
        @Schema(description = "session or recording") String kind,
        List<Item> items,
        List<Position> positions,
        @Schema(description = "Cursor for the next positions; null on the last page") String nextCursor)
        implements Tabular {

    @Schema(name = "SideBySideItem")
    public record Item(String id, Instant firstSeen, Instant lastSeen, long durationMs, List<String> models,
                       FiguresView figures) {
    }

    /** The turns at one position; {@code turns} has one entry per item, in the order of {@code items}, null when
     * that item has fewer turns. */
    @Schema(name = "SideBySidePosition")
    public record Position(long position, List<TurnFigures> turns) {
    }

    @Schema(name = "SideBySideTurn")
    public record TurnFigures(
            String eventId,
            Instant occurredAt,
            Integer turnIndex,
            String model,
            String status,
            Long inputTokens,
            Long outputTokens,
            Long cacheReadTokens,
            Long reasoningTokens,
            Long durationMs,
            String costStatus,
            BigDecimal costUsd) {
    }

    @Override
    public List<String> columns() {
        return List.of("position", "id", "event_id", "occurred_at", "turn_index", "model", "status", "input_tokens",
                "output_tokens", "cache_read_tokens", "reasoning_tokens", "duration_ms", "cost_status", "cost_usd");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Position p : positions) {
            for (int i = 0; i < items.size(); i++) {
                TurnFigures t = p.turns().get(i);
                if (t != null) {
                    rows.add(Arrays.asList(p.position(), items.get(i).id(), t.eventId(), t.occurredAt(),
                            t.turnIndex(), t.model(), t.status(), t.inputTokens(), t.outputTokens(),
                            t.cacheReadTokens(), t.reasoningTokens(), t.durationMs(), t.costStatus(), t.costUsd()));
                }
            }
        }
        return rows;
    }
}
