package io.agentmeter.query.series;

import io.agentmeter.query.http.Tabular;
import io.agentmeter.query.source.ServedFrom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A metric per time bucket, per group. Every group has a point for every bucket of the page (dense), so charts need
 * no gap filling; a bucket without turns has {@code turns} 0 and a null value for sums (nothing reported).
 */
@Schema(name = "Series")
public record Series(
        String metric,
        String interval,
        String tz,
        @Schema(description = "model, provider, agent, project, tool, or null for one series") String groupBy,
        @Schema(description = "The starts of the buckets of this page, in tz") List<OffsetDateTime> buckets,
        List<Group> series,
        @Schema(description = "Give as cursor for the next buckets; null on the last page") String nextCursor,
        ServedFrom servedFrom) implements Tabular {

    /** One group's points; {@code group} null is the turns that did not report the dimension. */
    @Schema(name = "SeriesGroup")
    public record Group(String group, List<Point> points) {
    }

    /**
     * @param value    BigDecimal (cost), whole number (tokens, turns, errors) or decimal (latency ms, tokens/s);
     *                 null when unknown
     * @param coverage how many turns the value stands on (reported the count, had a cost, had a duration)
     */
    @Schema(name = "SeriesPoint")
    public record Point(OffsetDateTime start, Object value, long coverage, long turns) {
    }

    @Override
    public List<String> columns() {
        return List.of("bucket_start", "group", "value", "coverage", "turns");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Group g : series) {
            for (Point p : g.points()) {
                rows.add(Arrays.asList(p.start(), g.group(), p.value(), p.coverage(), p.turns()));
            }
        }
        return rows;
    }
}
