package io.agentmeter.query.series;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.Metric;
import io.agentmeter.query.figures.Needs;
import io.agentmeter.query.params.Cursor;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.Interval;
import io.agentmeter.query.params.Page;
import io.agentmeter.query.source.Bucketing;
import io.agentmeter.query.source.FiguresSource;
import io.agentmeter.query.source.Key;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** A metric by interval, optionally grouped, a page of buckets at a time. */
@ApplicationScoped
public class SeriesService {

    private final FiguresSource source;

    public SeriesService(FiguresSource source) {
        this.source = source;
    }

    public static String scope(Filter filter, Metric metric, Interval interval, Optional<Dimension> groupBy) {
        return "series|" + filter.fingerprint() + "|" + filter.from() + "|" + filter.to() + "|" + metric.value()
                + "|" + interval.value() + "|" + groupBy.map(Dimension::value).orElse("");
    }

    public Series series(Filter filter, Metric metric, Interval interval, Optional<Dimension> groupBy, Page page) {
        ZonedDateTime first = interval.truncate(filter.from().atZone(filter.zone()));
        if (page.after().isPresent()) {
            first = Instant.ofEpochSecond(Long.parseLong(page.after().get().get(0))).atZone(filter.zone());
        }
        List<ZonedDateTime> buckets = new ArrayList<>();
        ZonedDateTime bucket = first;
        while (bucket.toInstant().isBefore(filter.to()) && buckets.size() < page.limit()) {
            buckets.add(bucket);
            bucket = interval.next(bucket);
        }
        String next = bucket.toInstant().isBefore(filter.to())
                ? Cursor.encode(scope(filter, metric, interval, groupBy),
                        List.of(Long.toString(bucket.toEpochSecond()))) : null;
        Instant from = max(filter.from(), first.toInstant());
        Instant to = min(filter.to(), bucket.toInstant());
        Filter pageFilter = filter.withRange(from, to);
        FiguresSource.Result result = Database.call(() -> source.read(pageFilter,
                Bucketing.truncate(interval, filter.zone()), groupBy, Needs.of(metric)));
        TreeSet<String> groups = new TreeSet<>();
        result.figures().keySet().forEach(k -> groups.add(k.group()));
        if (groups.isEmpty() && groupBy.isEmpty()) {
            groups.add("");
        }
        List<Series.Group> series = new ArrayList<>();
        Figures none = new Figures();
        for (String group : groups) {
            List<Series.Point> points = new ArrayList<>(buckets.size());
            for (ZonedDateTime b : buckets) {
                Figures f = result.figures().getOrDefault(new Key(b.toEpochSecond(), group), none);
                points.add(new Series.Point(b.toOffsetDateTime(), metric.of(f), metric.coverageOf(f), f.turns()));
            }
            series.add(new Series.Group(group.isEmpty() ? null : group, points));
        }
        List<OffsetDateTime> starts = buckets.stream().map(ZonedDateTime::toOffsetDateTime).toList();
        return new Series(metric.value(), interval.value(), filter.zone().getId(),
                groupBy.map(Dimension::value).orElse(null), starts, series, next, result.servedFrom());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
