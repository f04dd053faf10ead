package io.agentmeter.query.breakdown;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.Tabular;
import io.agentmeter.query.source.ServedFrom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A metric split by one dimension, largest first, for bar and pie charts. {@code share} is the item's value over the
 * sum of all items' known values (additive metrics only). By tool, a turn that called two tools counts for both, so
 * the items add up to more than the range's total.
 */
@Schema(name = "Breakdown")
public record Breakdown(
        String by,
        String metric,
        @Schema(description = "Sum of the items' known values (additive metrics), else null") Object total,
        List<Item> items,
        String nextCursor,
        ServedFrom servedFrom) implements Tabular {

    /** {@code group} null is the turns that did not report the dimension. */
    @Schema(name = "BreakdownItem")
    public record Item(String group, Object value, long coverage, Double share, FiguresView figures) {
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("group", "value", "coverage", "share"));
        columns.addAll(FiguresView.COLUMNS);
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Item i : items) {
            List<Object> row = new ArrayList<>(Arrays.asList(i.group(), i.value(), i.coverage(), i.share()));
            row.addAll(i.figures().cells());
            rows.add(row);
        }
        return rows;
    }
}
