package io.agentmeter.query.heatmap;

import io.agentmeter.query.http.Tabular;
import io.agentmeter.query.source.ServedFrom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A metric by day of the week and hour of the day in tz: 168 cells, Monday 00:00 first (ISO weekday 1..7, hour 0..23).
 */
@Schema(name = "Heatmap")
public record Heatmap(String metric, String tz, List<Cell> cells, ServedFrom servedFrom) implements Tabular {

    @Schema(name = "HeatmapCell")
    public record Cell(int weekday, int hour, Object value, long coverage, long turns) {
    }

    @Override
    public List<String> columns() {
        return List.of("weekday", "hour", "value", "coverage", "turns");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        cells.forEach(c -> rows.add(Arrays.asList(c.weekday(), c.hour(), c.value(), c.coverage(), c.turns())));
        return rows;
    }
}
