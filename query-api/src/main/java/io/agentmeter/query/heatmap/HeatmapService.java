package io.agentmeter.query.heatmap;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.Metric;
import io.agentmeter.query.figures.Needs;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.source.Bucketing;
import io.agentmeter.query.source.FiguresSource;
import io.agentmeter.query.source.Key;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The 7 x 24 grid of a metric in the caller's time zone. */
@ApplicationScoped
public class HeatmapService {

    private final FiguresSource source;

    public HeatmapService(FiguresSource source) {
        this.source = source;
    }

    public Heatmap heatmap(Filter filter, Metric metric) {
        FiguresSource.Result result = Database.call(() -> source.read(filter, Bucketing.hourOfWeek(filter.zone()),
                Optional.empty(), Needs.of(metric)));
        List<Heatmap.Cell> cells = new ArrayList<>(168);
        Figures none = new Figures();
        for (int cell = 0; cell < 168; cell++) {
            Figures f = result.figures().getOrDefault(new Key(cell, ""), none);
            cells.add(new Heatmap.Cell(cell / 24 + 1, cell % 24, metric.of(f), metric.coverageOf(f), f.turns()));
        }
        return new Heatmap(metric.value(), filter.zone().getId(), cells, result.servedFrom());
    }
}
