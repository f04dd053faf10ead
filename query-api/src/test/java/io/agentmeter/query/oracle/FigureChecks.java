package io.agentmeter.query.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.it.Api;
import io.agentmeter.query.it.Checks;
import io.agentmeter.query.it.Expected;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The range endpoints against the recomputation: summary (current and previous period, sessions), series for every
 * interval and grouping the API offers, breakdown by every dimension, heatmap, burn rate.
 */
final class FigureChecks {

    static final List<String> INTERVALS = List.of("minute", "hour", "day", "week", "month");
    static final List<String> GROUPINGS = List.of("", "model", "provider", "agent", "project", "tool");
    static final List<String> BREAKDOWNS = List.of("agent", "tool", "model", "provider", "project");
    /** One metric of each kind: money, a count of turns, a token kind with unreported values. */
    static final List<String> METRICS = List.of("cost", "turns", "output_tokens");

    private final Recompute sql;
    private final Discrepancies d;
    private final Instant now;
    private final Instant to;

    FigureChecks(Recompute sql, Discrepancies d, Instant now) {
        this.sql = sql;
        this.d = d;
        this.now = now;
        this.to = now.plus(Duration.ofHours(1));
    }

    /** [to − 400 days, to): the longest range the API allows, holding every turn of the workload. */
    Instant from400() {
        return to.minus(Duration.ofDays(400));
    }

    Instant to() {
        return to;
    }

    static void figures(Discrepancies d, String check, String what, JsonNode f, Recompute.Figures e) {
        d.verify(check, what, () -> {
            assertThat(f).as(what + " figures").isNotNull();
            Checks.figures(f, e.expected(), what);
            assertThat(f.get("duration_turns").longValue()).as(what + " duration_turns").isEqualTo(e.durationTurns());
        });
    }

    void summaries(String tenant) throws Exception {
        Map<String, Instant[]> ranges = new LinkedHashMap<>();
        ranges.put("400 days", new Instant[] {from400(), to});
        ranges.put("30 days", new Instant[] {now.minus(Duration.ofDays(30)), now});
        ranges.put("7 days", new Instant[] {now.minus(Duration.ofDays(7)), now});
        ranges.put("1 day", new Instant[] {now.minus(Duration.ofDays(1)), now});
        ranges.put("1 hour", new Instant[] {now.minus(Duration.ofHours(1)), now});
        ranges.put("ragged", new Instant[] {now.minus(Duration.ofDays(123)).plusSeconds(17 * 60 + 3),
                now.minus(Duration.ofDays(45)).plusSeconds(3 * 3600 + 7)});
        ranges.put("old history", new Instant[] {now.minus(Duration.ofDays(380)), now.minus(Duration.ofDays(200))});
        for (var r : ranges.entrySet()) {
            Instant from = r.getValue()[0];
            Instant until = r.getValue()[1];
            String what = tenant + " summary " + r.getKey();
            JsonNode body;
            try {
                body = Api.ok(OracleStack.key(tenant), "/v1/summary", Map.of("from", from.toString(),
                        "to", until.toString()));
            } catch (AssertionError e) {
                d.add("summary", what + ": " + e.getMessage());
                continue;
            }
            Instant prevFrom = from.minus(Duration.between(from, until));
            figures(d, "summary", what + " current", body.path("current").get("figures"),
                    sql.total(tenant, from, until));
            d.equal("summary sessions", what + " current sessions", sql.sessions(tenant, from, until),
                    body.path("current").path("sessions").asLong(-1));
            figures(d, "summary", what + " previous", body.path("previous").get("figures"),
                    sql.total(tenant, prevFrom, from));
            d.equal("summary sessions", what + " previous sessions", sql.sessions(tenant, prevFrom, from),
                    body.path("previous").path("sessions").asLong(-1));
        }
    }

    void series(String tenant) throws Exception {
        for (String interval : INTERVALS) {
            Instant from = switch (interval) {
                case "minute" -> now.minus(Duration.ofHours(12));
                case "hour" -> now.minus(Duration.ofDays(30));
                default -> from400();
            };
            List<String> zones = interval.equals("day") ? List.of("UTC", "Europe/Berlin") : List.of("UTC");
            for (String tz : zones) {
                for (String groupBy : GROUPINGS) {
                    // Money in every grouping; counts and a token kind with unreported values where the rollup
                    // tables differ (model and agent rollups answer the ungrouped series, tool rollups their own).
                    for (String metric : groupBy.isEmpty() || groupBy.equals("tool") ? METRICS : List.of("cost")) {
                        series(tenant, interval, tz, groupBy, metric, from, interval.equals("minute")
                                || interval.equals("hour") ? now : to);
                    }
                }
            }
        }
    }

    private void series(String tenant, String interval, String tz, String groupBy, String metric, Instant from,
                        Instant until) throws Exception {
        String what = tenant + " series " + metric + " per " + interval + " " + tz
                + (groupBy.isEmpty() ? "" : " by " + groupBy);
        String check = "series " + interval + (groupBy.isEmpty() ? "" : " by " + groupBy);
        String bucket = "(date_trunc('" + interval + "', t.occurred_at AT TIME ZONE '" + tz + "') AT TIME ZONE '"
                + tz + "')";
        String group = groupBy.isEmpty() ? "NULL::text" : groupBy.equals("tool") ? "x.tool" : "t." + groupBy;
        Map<List<Object>, Recompute.Figures> expected = sql.figures(tenant, from, until, List.of(bucket, group),
                groupBy.equals("tool"));
        Map<String, Object> query = new HashMap<>(Map.of("metric", metric, "interval", interval, "tz", tz,
                "from", from.toString(), "to", until.toString()));
        if (!groupBy.isEmpty()) {
            query.put("group_by", groupBy);
        }
        Map<List<Object>, JsonNode> points = new HashMap<>();
        try {
            String cursor = null;
            do {
                Map<String, Object> page = new HashMap<>(query);
                if (cursor != null) {
                    page.put("cursor", cursor);
                }
                JsonNode body = Api.ok(OracleStack.key(tenant), "/v1/series", page);
                for (JsonNode s : body.get("series")) {
                    String g = s.get("group").isNull() ? null : s.get("group").asText();
                    for (JsonNode p : s.get("points")) {
                        points.put(List.of(OffsetDateTime.parse(p.get("start").asText()).toInstant(),
                                g == null ? NULL : g), p);
                    }
                }
                cursor = body.path("next_cursor").isTextual() ? body.get("next_cursor").asText() : null;
            } while (cursor != null);
        } catch (AssertionError e) {
            d.add(check, what + ": " + e.getMessage());
            return;
        }
        int wrong = 0;
        List<String> examples = new ArrayList<>();
        Set<List<Object>> keys = new HashSet<>();
        expected.keySet().forEach(k -> keys.add(List.of(k.get(0), k.get(1) == null ? NULL : k.get(1))));
        keys.addAll(points.keySet());
        for (List<Object> k : keys) {
            List<Object> sqlKey = new ArrayList<>(k);
            if (sqlKey.get(1) == NULL) {
                sqlKey.set(1, null);
            }
            Expected e = expected.getOrDefault(sqlKey, Recompute.Figures.none()).expected();
            JsonNode p = points.get(k);
            String problem = point(p, e, metric);
            if (problem != null) {
                wrong++;
                if (examples.size() < 3) {
                    examples.add("bucket " + k.get(0) + " group " + (k.get(1) == NULL ? "null" : k.get(1)) + ": "
                            + problem);
                }
            }
        }
        if (wrong > 0) {
            d.add(check, what + ": " + wrong + " of " + keys.size() + " (bucket, group) points differ, e.g. "
                    + examples);
        } else {
            d.equal(check, what, 0, 0);
        }
    }

    /** Marks "not reported" in keys (List.of takes no null). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Null when the point equals the figures of its turns; otherwise what differs. */
    private static String point(JsonNode p, Expected e, String metric) {
        if (p == null) {
            return "missing from the answer, expected " + e.turns + " turns";
        }
        Object expectedValue = value(e, metric);
        Object actualValue = p.get("value").isNull() ? null
                : metric.equals("cost") ? p.get("value").decimalValue() : (Object) p.get("value").longValue();
        long expectedCoverage = coverage(e, metric);
        if (p.get("turns").longValue() != e.turns || p.get("coverage").longValue() != expectedCoverage
                || !Discrepancies.same(expectedValue, actualValue)) {
            return "expected turns " + e.turns + ", value " + expectedValue + ", coverage " + expectedCoverage
                    + " but was turns " + p.get("turns") + ", value " + actualValue + ", coverage "
                    + p.get("coverage");
        }
        return null;
    }

    static Object value(Expected e, String metric) {
        return switch (metric) {
            case "cost" -> e.cost;
            case "turns" -> e.turns;
            default -> e.tokens(metric);
        };
    }

    static long coverage(Expected e, String metric) {
        return switch (metric) {
            case "cost" -> e.costTurns;
            case "turns" -> e.turns;
            default -> e.coverage(metric);
        };
    }

    void breakdowns(String tenant) throws Exception {
        Map<String, Instant> froms = Map.of("400 days", from400(), "7 days", now.minus(Duration.ofDays(7)));
        for (var range : froms.entrySet()) {
            for (String by : BREAKDOWNS) {
                Map<List<Object>, Recompute.Figures> expected = sql.figures(tenant, range.getValue(), to,
                        List.of(by.equals("tool") ? "x.tool" : "t." + by), by.equals("tool"));
                for (String metric : METRICS) {
                    String what = tenant + " breakdown of " + metric + " by " + by + " " + range.getKey();
                    String check = "breakdown by " + by;
                    JsonNode body;
                    try {
                        body = Api.ok(OracleStack.key(tenant), "/v1/breakdown", Map.of("by", by, "metric", metric,
                                "from", range.getValue().toString(), "to", to.toString(), "limit", "1000"));
                    } catch (AssertionError e) {
                        d.add(check, what + ": " + e.getMessage());
                        continue;
                    }
                    Set<List<Object>> seen = new HashSet<>();
                    for (JsonNode item : body.get("items")) {
                        List<Object> key = new ArrayList<>();
                        key.add(item.get("group").isNull() ? null : item.get("group").asText());
                        seen.add(key);
                        Recompute.Figures e = expected.getOrDefault(key, Recompute.Figures.none());
                        figures(d, check, what + " group " + key.get(0), item.get("figures"), e);
                        Object actual = item.get("value").isNull() ? null : metric.equals("cost")
                                ? item.get("value").decimalValue() : (Object) item.get("value").longValue();
                        d.equal(check, what + " group " + key.get(0) + " value", value(e.expected(), metric), actual);
                    }
                    for (List<Object> key : expected.keySet()) {
                        if (!seen.contains(key)) {
                            d.add(check, what + ": group " + key.get(0) + " with " + expected.get(key).expected().turns
                                    + " turns is missing");
                        }
                    }
                }
            }
        }
    }

    void heatmaps(String tenant) throws Exception {
        for (String tz : List.of("UTC", "Europe/Berlin")) {
            String local = "t.occurred_at AT TIME ZONE '" + tz + "'";
            Map<List<Object>, Recompute.Figures> expected = sql.figures(tenant, from400(), to,
                    List.of("extract(isodow FROM " + local + ")::int", "extract(hour FROM " + local + ")::int"),
                    false);
            for (String metric : METRICS) {
                String what = tenant + " heatmap " + metric + " " + tz;
                JsonNode body;
                try {
                    body = Api.ok(OracleStack.key(tenant), "/v1/heatmap", Map.of("metric", metric, "tz", tz,
                            "from", from400().toString(), "to", to.toString()));
                } catch (AssertionError e) {
                    d.add("heatmap", what + ": " + e.getMessage());
                    continue;
                }
                int wrong = 0;
                List<String> examples = new ArrayList<>();
                for (JsonNode cell : body.get("cells")) {
                    List<Object> key = List.of(cell.get("weekday").asLong(), cell.get("hour").asLong());
                    Expected e = expected.getOrDefault(key, Recompute.Figures.none()).expected();
                    String problem = point(cell, e, metric);
                    if (problem != null && ++wrong <= 3) {
                        examples.add("weekday " + key.get(0) + " hour " + key.get(1) + ": " + problem);
                    }
                }
                if (wrong > 0 || body.get("cells").size() != 168) {
                    d.add("heatmap", what + ": " + wrong + " of " + body.get("cells").size() + " cells differ, e.g. "
                            + examples);
                } else {
                    d.equal("heatmap", what, 0, 0);
                }
            }
        }
    }

    void burnRate(String tenant) throws Exception {
        String what = tenant + " burn rate at " + now;
        JsonNode body;
        try {
            body = Api.ok(OracleStack.key(tenant), "/v1/burn-rate", Map.of("at", now.toString(), "tz", "UTC"));
        } catch (AssertionError e) {
            d.add("burn rate", what + ": " + e.getMessage());
            return;
        }
        OffsetDateTime local = now.atOffset(ZoneOffset.UTC);
        Map<String, Instant> windows = new LinkedHashMap<>();
        windows.put("last_hour", now.minus(Duration.ofHours(1)));
        windows.put("last_24_hours", now.minus(Duration.ofHours(24)));
        windows.put("today", local.truncatedTo(ChronoUnit.DAYS).toInstant());
        windows.put("this_month", local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant());
        for (var w : windows.entrySet()) {
            JsonNode window = body.path(w.getKey());
            Expected e = sql.total(tenant, w.getValue(), now).expected();
            String name = what + " " + w.getKey();
            d.equal("burn rate", name + " from", w.getValue(), instantOrNull(window.get("from")));
            d.equal("burn rate", name + " turns", e.turns, window.path("turns").asLong(-1));
            d.equal("burn rate", name + " cost_usd", e.cost, Api.decimal(window.get("cost_usd")));
            d.equal("burn rate", name + " cost_turns", e.costTurns, window.path("cost_turns").asLong(-1));
            d.equal("burn rate", name + " unpriced_turns", e.unpriced, window.path("unpriced_turns").asLong(-1));
            d.equal("burn rate", name + " incomplete_cost_turns", e.incomplete,
                    window.path("incomplete_cost_turns").asLong(-1));
        }
    }

    static Instant instantOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : OffsetDateTime.parse(node.asText()).toInstant();
    }
}
