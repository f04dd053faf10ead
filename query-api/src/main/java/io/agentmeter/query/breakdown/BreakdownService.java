package io.agentmeter.query.breakdown;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.figures.Metric;
import io.agentmeter.query.figures.Needs;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.query.params.Cursor;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.Page;
import io.agentmeter.query.source.Bucketing;
import io.agentmeter.query.source.FiguresSource;
import io.agentmeter.query.source.Key;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A metric split by one dimension, from the rollups where the filter allows. */
@ApplicationScoped
public class BreakdownService {

    private final FiguresSource source;

    public BreakdownService(FiguresSource source) {
        this.source = source;
    }

    public static String scope(Filter filter, Dimension by, Metric metric) {
        return "breakdown|" + filter.fingerprint() + "|" + filter.from() + "|" + filter.to() + "|" + by.value() + "|"
                + metric.value();
    }

    public Breakdown breakdown(Filter filter, Dimension by, Metric metric, Page page) {
        FiguresSource.Result result = Database.call(() -> source.read(filter, Bucketing.none(), Optional.of(by),
                Needs.ALL.withSketches(metric.needsSketch())));
        List<Map.Entry<Key, Figures>> entries = new ArrayList<>(result.figures().entrySet());
        entries.sort(Comparator.comparing((Map.Entry<Key, Figures> e) -> sortKey(metric.of(e.getValue())),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(e -> e.getKey().group()));
        BigDecimal total = null;
        if (metric.isAdditive()) {
            for (Map.Entry<Key, Figures> e : entries) {
                Object v = metric.of(e.getValue());
                if (v != null) {
                    total = (total == null ? BigDecimal.ZERO : total).add(decimal(v));
                }
            }
        }
        int start = 0;
        if (page.after().isPresent()) {
            try {
                start = Integer.parseInt(page.after().get().get(0));
            } catch (RuntimeException e) {
                throw ApiException.badParameter("cursor", "is not a cursor this API gave out");
            }
        }
        List<Breakdown.Item> items = new ArrayList<>();
        int end = Math.min(entries.size(), start + page.limit());
        for (int i = start; i < end; i++) {
            Map.Entry<Key, Figures> e = entries.get(i);
            Object value = metric.of(e.getValue());
            Double share = total == null || value == null || total.signum() == 0 ? null
                    : decimal(value).divide(total, MathContext.DECIMAL64).doubleValue();
            String group = e.getKey().group();
            items.add(new Breakdown.Item(group.isEmpty() ? null : group, value, metric.coverageOf(e.getValue()),
                    share, FiguresView.of(e.getValue())));
        }
        String next = end < entries.size() ? Cursor.encode(scope(filter, by, metric), List.of(Integer.toString(end)))
                : null;
        Object totalValue = total == null ? null : metric == Metric.COST ? total : (Object) total.longValueExact();
        return new Breakdown(by.value(), metric.value(), totalValue, items, next, result.servedFrom());
    }

    private static BigDecimal sortKey(Object value) {
        return value == null ? null : decimal(value);
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : value instanceof Long l ? BigDecimal.valueOf(l)
                : BigDecimal.valueOf(((Number) value).doubleValue());
    }
}
