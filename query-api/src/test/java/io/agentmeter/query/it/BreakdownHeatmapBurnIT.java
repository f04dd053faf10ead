package io.agentmeter.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.event.TurnEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class BreakdownHeatmapBurnIT {

    private static final Instant FROM = Instant.parse("2026-03-27T05:17:23.250Z");
    private static final Instant TO = Instant.parse("2026-03-30T19:42:10Z");

    private final TestWorld world = QueryTestResource.world();

    @Test
    void shouldBreakCostDownByAgentToolAndModel() {
        breakdown("agent", "cost", Map.of(), t -> true, "agent_rollups");
        breakdown("tool", "cost", Map.of(), t -> true, "tool_rollups");
        breakdown("model", "output_tokens", Map.of("provider", "openai"), t -> "openai".equals(t.provider()),
                "model_rollups");
        breakdown("agent", "input_tokens", Map.of("label", "team:search"),
                t -> t.labels() != null && "search".equals(t.labels().get("team")), null);
    }

    @Test
    void shouldPageABreakdown() {
        Map<String, Object> q = new HashMap<>(range());
        q.put("by", "model");
        q.put("limit", "2");
        JsonNode first = Api.ok(world.acmeViewer, "/v1/breakdown", q);
        assertThat(first.get("items")).hasSize(2);
        q.put("cursor", first.get("next_cursor").asText());
        JsonNode second = Api.ok(world.acmeViewer, "/v1/breakdown", q);
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void shouldGiveTheWeekHeatmapInTheCallersZone() {
        heatmap("turns", "Europe/Berlin");
        heatmap("cost", "Asia/Kolkata");
        heatmap("output_tokens", "UTC");
    }

    @Test
    void shouldGiveTheBurnRateAndProjections() {
        Instant at = Instant.parse("2026-03-29T15:30:00Z");
        ZoneId zone = ZoneId.of("America/New_York");
        JsonNode body = Api.ok(world.acmeViewer, "/v1/burn-rate", Map.of("at", at.toString(), "tz", zone.getId()));
        BigDecimal hour = window(body.get("last_hour"), at.minus(Duration.ofHours(1)), at);
        BigDecimal day = window(body.get("last_24_hours"), at.minus(Duration.ofDays(1)), at);
        ZonedDateTime local = at.atZone(zone);
        Instant dayStart = local.toLocalDate().atStartOfDay(zone).toInstant();
        Instant monthStart = local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
        BigDecimal today = window(body.get("today"), dayStart, at);
        BigDecimal month = window(body.get("this_month"), monthStart, at);
        Checks.cost(Api.decimal(body.get("cost_per_hour_usd")), hour, "per hour");
        Checks.cost(Api.decimal(body.get("cost_per_day_usd")), day, "per day");
        Instant endOfDay = local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        Instant endOfMonth = LocalDateTime.of(2026, 4, 1, 0, 0).atZone(zone).toInstant();
        BigDecimal projectedDay = today.add(hour.multiply(BigDecimal.valueOf(Duration.between(at, endOfDay)
                .getSeconds())).divide(BigDecimal.valueOf(3600), 10, RoundingMode.HALF_EVEN));
        BigDecimal projectedMonth = month.add(day.multiply(BigDecimal.valueOf(Duration.between(at, endOfMonth)
                .getSeconds())).divide(BigDecimal.valueOf(86_400), 10, RoundingMode.HALF_EVEN));
        assertThat(Api.decimal(body.get("projected_end_of_day_usd"))).isEqualByComparingTo(projectedDay);
        assertThat(Api.decimal(body.get("projected_end_of_month_usd"))).isEqualByComparingTo(projectedMonth);
    }

    private BigDecimal window(JsonNode w, Instant from, Instant to) {
        Expected e = Expected.of(Expected.select(world.acme, from, to, t -> true));
        assertThat(w.get("turns").longValue()).isEqualTo(e.turns);
        Checks.cost(Api.decimal(w.get("cost_usd")), e.cost, from + ".." + to);
        assertThat(w.get("unpriced_turns").longValue()).isEqualTo(e.unpriced);
        return e.cost == null ? BigDecimal.ZERO : e.cost;
    }

    private void heatmap(String metric, String tz) {
        Map<String, Object> q = new HashMap<>(range());
        q.put("metric", metric);
        q.put("tz", tz);
        JsonNode body = Api.ok(world.acmeViewer, "/v1/heatmap", q);
        ZoneId zone = ZoneId.of(tz);
        Map<Integer, List<GeneratedTurn>> cells = new HashMap<>();
        for (GeneratedTurn g : Expected.select(world.acme, FROM, TO, t -> true)) {
            ZonedDateTime local = g.turn().occurredAt().atZone(zone);
            int cell = (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
            cells.computeIfAbsent(cell, k -> new ArrayList<>()).add(g);
        }
        assertThat(body.get("cells")).hasSize(168);
        for (JsonNode c : body.get("cells")) {
            int cell = (c.get("weekday").intValue() - 1) * 24 + c.get("hour").intValue();
            SeriesIT.point(c, metric, cells.getOrDefault(cell, List.of()), tz + " " + cell);
        }
    }

    private void breakdown(String by, String metric, Map<String, String> filter, Predicate<TurnEvent> predicate,
                           String table) {
        Map<String, Object> q = new HashMap<>(range());
        q.putAll(filter);
        q.put("by", by);
        q.put("metric", metric);
        JsonNode body = Api.ok(world.acmeViewer, "/v1/breakdown", q);
        if (table == null) {
            assertThat(body.get("served_from").get("rollup_table").isNull()).isTrue();
        } else {
            assertThat(body.get("served_from").get("rollup_table").asText()).isEqualTo(table);
        }
        var split = Grouping.split(Expected.select(world.acme, FROM, TO, predicate), "day", ZoneId.of("UTC"), by);
        Map<String, List<GeneratedTurn>> groups = new HashMap<>();
        split.values().forEach(m -> m.forEach((g, l) -> groups.computeIfAbsent(g, k -> new ArrayList<>())
                .addAll(l)));
        assertThat(body.get("items")).hasSize(groups.size());
        BigDecimal previous = null;
        double shares = 0;
        for (JsonNode item : body.get("items")) {
            String group = item.get("group").isNull() ? "" : item.get("group").asText();
            Expected e = Expected.of(groups.get(group));
            Checks.figures(item.get("figures"), e, by + " " + group);
            BigDecimal value = Api.decimal(item.get("value"));
            if (previous != null && value != null) {
                assertThat(value).isLessThanOrEqualTo(previous);
            }
            previous = value == null ? previous : value;
            shares += item.get("share").isNull() ? 0 : item.get("share").doubleValue();
        }
        assertThat(shares).isCloseTo(1.0, within(1e-9));
    }

    private static Map<String, Object> range() {
        return Map.of("from", FROM.toString(), "to", TO.toString());
    }
}
