package io.agentmeter.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.event.TurnEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class SeriesIT {

    private static final Instant FROM = Instant.parse("2026-03-27T05:17:23.250Z");
    private static final Instant TO = Instant.parse("2026-03-30T19:42:10Z");

    private final TestWorld world = QueryTestResource.world();

    @Test
    void shouldGiveHourlyCostPerModel() {
        check("cost", "hour", "UTC", "model", Map.of(), t -> true, FROM, TO, "model_rollups");
    }

    @Test
    void shouldGiveDailyInputTokensPerAgentAcrossDaylightSaving() {
        check("input_tokens", "day", "Europe/Berlin", "agent", Map.of(), t -> true, FROM, TO, "agent_rollups");
    }

    @Test
    void shouldGiveHourlyTurnsPerProviderInAHalfHourZone() {
        check("turns", "hour", "Asia/Kolkata", "provider", Map.of(), t -> true, FROM, TO, "model_rollups");
    }

    @Test
    void shouldGiveDailyLatencyQuantilesFromMergedSketches() {
        check("latency_p95_ms", "day", "UTC", null, Map.of(), t -> true, FROM, TO, "rollups");
        check("latency_p50_ms", "hour", "UTC", "model", Map.of("project", "beta"), t -> "beta".equals(t.project()),
                FROM, TO, "model_rollups");
    }

    @Test
    void shouldGiveErrorsAndCachePerTool() {
        check("errors", "day", "UTC", "tool", Map.of(), t -> true, FROM, TO, "tool_rollups");
        check("cache_read_tokens", "hour", "UTC", "tool", Map.of(), t -> true, FROM, TO, "tool_rollups");
    }

    @Test
    void shouldGroupByToolFromTheTurnsWhenAlsoFilteredByModel() {
        check("output_tokens", "day", "UTC", "tool", Map.of("model", "gpt-5"), t -> t.model().equals("gpt-5"), FROM,
                TO, null);
    }

    @Test
    void shouldReadLabelFilteredSeriesFromTheTurns() {
        check("reasoning_tokens", "hour", "America/New_York", "project", Map.of("label", "env:prod"),
                t -> t.labels() != null && "prod".equals(t.labels().get("env")), FROM, TO, null);
    }

    @Test
    void shouldGiveOutputTokensPerSecondByMinute() {
        check("output_tokens_per_second", "minute", "UTC", "model", Map.of(), t -> true,
                Instant.parse("2026-03-28T10:00:00Z"), Instant.parse("2026-03-28T13:00:00Z"), "model_rollups");
    }

    @Test
    void shouldGiveWeeklyAndMonthlyBuckets() {
        check("total_tokens", "week", "UTC", null, Map.of(), t -> true, FROM, TO, "rollups");
        check("cache_write_1h_tokens", "month", "Europe/Berlin", "model", Map.of(), t -> true, FROM, TO,
                "model_rollups");
    }

    @Test
    void shouldPageByBuckets() {
        Map<String, String> q = query("cost", "hour", "UTC", "agent", Map.of(), FROM, TO);
        q.put("limit", "10");
        int pages = 0;
        Set<OffsetDateTime> seen = new HashSet<>();
        while (true) {
            JsonNode page = Api.ok(world.acmeViewer, "/v1/series", q);
            pages++;
            page.get("buckets").forEach(b -> assertThat(seen.add(OffsetDateTime.parse(b.asText()))).isTrue());
            JsonNode buckets = page.get("buckets");
            Instant first = OffsetDateTime.parse(buckets.get(0).asText()).toInstant();
            Instant end = OffsetDateTime.parse(buckets.get(buckets.size() - 1).asText()).toInstant().plusSeconds(3600);
            compare(page, "cost", "hour", ZoneId.of("UTC"), "agent", t -> true, first.isBefore(FROM) ? FROM : first,
                    end.isAfter(TO) ? TO : end, world.acme);
            if (page.get("next_cursor").isNull()) {
                break;
            }
            q.put("cursor", page.get("next_cursor").asText());
        }
        assertThat(pages).isEqualTo(9);
        assertThat(seen).hasSize(87);
    }

    @Test
    void shouldNotMixTenants() {
        JsonNode body = Api.ok(world.globexDeveloper, "/v1/series",
                query("cost", "day", "UTC", "model", Map.of(), FROM, TO));
        compare(body, "cost", "day", ZoneId.of("UTC"), "model", t -> true, FROM, TO, world.globex);
    }

    @Test
    void shouldRefuseAnUnknownMetric() {
        Api.get(world.acmeViewer, "/v1/series", Map.of("metric", "price")).then().statusCode(400)
                .body("errors[0].parameter", org.hamcrest.Matchers.equalTo("metric"));
        Api.get(world.acmeViewer, "/v1/series", Map.of("metric", "cost", "group_by", "color")).then()
                .statusCode(400).body("errors[0].parameter", org.hamcrest.Matchers.equalTo("group_by"));
    }

    private void check(String metric, String interval, String tz, String groupBy, Map<String, String> filter,
                       Predicate<TurnEvent> predicate, Instant from, Instant to, String table) {
        JsonNode body = Api.ok(world.acmeViewer, "/v1/series", query(metric, interval, tz, groupBy, filter, from, to));
        assertThat(body.get("next_cursor").isNull()).isTrue();
        JsonNode served = body.get("served_from");
        if (table == null) {
            assertThat(served.get("rollup_table").isNull()).as("served from turns").isTrue();
        } else if (table.equals("rollups")) {
            assertThat(served.get("rollup_table").isNull()).as("served from rollups").isFalse();
        } else {
            assertThat(served.get("rollup_table").asText()).isEqualTo(table);
        }
        compare(body, metric, interval, ZoneId.of(tz), groupBy, predicate, from, to, world.acme);
    }

    static void compare(JsonNode body, String metric, String interval, ZoneId zone, String groupBy,
                        Predicate<TurnEvent> predicate, Instant from, Instant to, List<GeneratedTurn> all) {
        List<GeneratedTurn> selected = Expected.select(all, from, to, predicate);
        var split = Grouping.split(selected, interval, zone, groupBy);
        Set<String> expectedGroups = new HashSet<>();
        split.values().forEach(m -> expectedGroups.addAll(m.keySet()));
        Set<String> groups = new HashSet<>();
        long points = 0;
        for (JsonNode series : body.get("series")) {
            String group = series.get("group").isNull() ? "" : series.get("group").asText();
            groups.add(group);
            for (JsonNode p : series.get("points")) {
                Instant bucket = OffsetDateTime.parse(p.get("start").asText()).toInstant();
                List<GeneratedTurn> cell = Grouping.cell(split, bucket, group);
                point(p, metric, cell, bucket + " " + group);
                points += p.get("turns").longValue();
            }
        }
        assertThat(groups).containsAll(expectedGroups);
        assertThat(points).isLessThanOrEqualTo(split.values().stream().mapToLong(m -> m.values().stream()
                .mapToLong(List::size).sum()).sum());
    }

    static void point(JsonNode p, String metric, List<GeneratedTurn> cell, String what) {
        Expected e = Expected.of(cell);
        assertThat(p.get("turns").longValue()).as(what + " turns").isEqualTo(e.turns);
        JsonNode v = p.get("value");
        switch (metric) {
            case "cost" -> {
                Checks.cost(Api.decimal(v), e.cost, what);
                assertThat(p.get("coverage").longValue()).isEqualTo(e.costTurns);
            }
            case "turns" -> assertThat(v.longValue()).isEqualTo(e.turns);
            case "errors" -> assertThat(v.longValue()).as(what).isEqualTo(e.errors);
            case "latency_p50_ms", "latency_p95_ms", "latency_p99_ms" -> {
                double q = Integer.parseInt(metric.substring(9, 11)) / 100.0;
                assertThat(Expected.quantileClose(e.durations, q, v.isNull() ? null : v.doubleValue()))
                        .as(what + " " + v + " of " + e.durations).isTrue();
                assertThat(p.get("coverage").longValue()).isEqualTo(e.durations.size());
            }
            case "output_tokens_per_second" -> {
                boolean complete = e.turns > 0 && e.coverage("output_tokens") == e.turns
                        && e.durations.size() == e.turns && e.durations.stream().mapToLong(Long::longValue).sum() > 0;
                if (!complete) {
                    assertThat(v.isNull()).as(what + " rate unknown").isTrue();
                } else {
                    double expected = e.tokens("output_tokens") * 1000.0
                            / e.durations.stream().mapToLong(Long::longValue).sum();
                    assertThat(v.doubleValue()).as(what).isCloseTo(expected, within(1e-9 * expected));
                }
            }
            default -> {
                assertThat(Api.longOrNull(v)).as(what + " " + metric).isEqualTo(e.tokens(metric));
                assertThat(p.get("coverage").longValue()).as(what + " coverage").isEqualTo(e.coverage(metric));
            }
        }
    }

    static Map<String, String> query(String metric, String interval, String tz, String groupBy,
                                     Map<String, String> filter, Instant from, Instant to) {
        Map<String, String> q = new HashMap<>(filter);
        q.put("metric", metric);
        q.put("interval", interval);
        q.put("tz", tz);
        if (groupBy != null) {
            q.put("group_by", groupBy);
        }
        q.put("from", from.toString());
        q.put("to", to.toString());
        return q;
    }

    @SuppressWarnings("unused")
    private static BigDecimal unused() {
        return BigDecimal.ZERO;
    }
}
