package io.agentmeter.query.summary;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.Tabular;
import io.agentmeter.query.source.ServedFrom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The figures of a range and of the period of equal length just before it. */
@Schema(name = "Summary")
public record Summary(Period current, Period previous) implements Tabular {

    /** One period's figures. */
    @Schema(name = "SummaryPeriod")
    public record Period(
            Instant from,
            Instant to,
            @Schema(description = "Distinct sessions with at least one turn in the period") long sessions,
            FiguresView figures,
            ServedFrom servedFrom) {
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("period", "from", "to", "sessions"));
        columns.addAll(FiguresView.COLUMNS);
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        return List.of(row("current", current), row("previous", previous));
    }

    private static List<Object> row(String name, Period p) {
        List<Object> row = new ArrayList<>(List.of(name, p.from(), p.to(), p.sessions()));
        row.addAll(p.figures().cells());
        return row;
    }
}
