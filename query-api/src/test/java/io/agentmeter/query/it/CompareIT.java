package io.agentmeter.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.TurnEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class CompareIT {

    private static final Instant FROM = Instant.parse("2026-03-27T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-31T00:00:00Z");

    private final TestWorld world = QueryTestResource.world();

    @Test
    void shouldCompareModelsOnSharedPrompts() {
        checkModels(Map.of(), t -> true, 2);
        checkModels(Map.of("min_models", "3"), t -> true, 3);
    }

    @Test
    void shouldCompareTheFilteredModelsOnPromptsSentToAllOfThem() {
        Map<String, Object> q = new HashMap<>(range());
        q.put("model", List.of("gpt-5", "claude-sonnet-4-5"));
        JsonNode body = Api.ok(world.acmeViewer, "/v1/compare/models", q);
        assertThat(body.get("min_models").intValue()).isEqualTo(2);
        verifyModels(body, t -> Set.of("gpt-5", "claude-sonnet-4-5").contains(t.model()), 2, world.acme);
        assertThat(body.get("models")).hasSize(2);
    }

    @Test
    void shouldPriceTheSelectionOnAnotherModel() {
        Map<String, Object> q = new HashMap<>(range());
        q.put("target_model", "claude-sonnet-4-5");
        q.put("target_provider", "anthropic");
        q.put("project", "alpha");
        JsonNode body = Api.ok(world.acmeViewer, "/v1/compare/counterfactual", q);
        List<GeneratedTurn> selected = Expected.select(world.acme, FROM, TO, t -> "alpha".equals(t.project()));
        Map<String, List<GeneratedTurn>> bySource = new TreeMap<>(selected.stream()
                .collect(Collectors.groupingBy(g -> g.turn().model())));
        assertThat(body.get("models")).hasSize(bySource.size());
        BigDecimal totalTarget = null;
        for (JsonNode line : body.get("models")) {
            List<GeneratedTurn> turns = bySource.get(line.get("model").asText());
            BigDecimal target = null;
            BigDecimal actual = null;
            long priced = 0;
            long incomplete = 0;
            for (GeneratedTurn g : turns) {
                TurnEvent t = g.turn();
                TurnCost cost = CostEngine.price(t.usageOrUnknown(), null, TurnGenerator.PRICES.find(t.tenantId(),
                        "anthropic", "claude-sonnet-4-5", t.occurredAt()));
                if (cost.totalUsd() != null) {
                    target = target == null ? cost.totalUsd() : target.add(cost.totalUsd());
                    priced++;
                } else {
                    incomplete++;
                }
                BigDecimal a = g.priced().cost().totalUsd();
                if (a != null) {
                    actual = actual == null ? a : actual.add(a);
                }
            }
            assertThat(line.get("turns").longValue()).isEqualTo(turns.size());
            Checks.cost(Api.decimal(line.get("target_cost_usd")), target, line.get("model").asText());
            Checks.cost(Api.decimal(line.get("actual_cost_usd")), actual, line.get("model").asText());
            assertThat(line.get("target_cost_turns").longValue()).isEqualTo(priced);
            assertThat(line.get("target_incomplete_turns").longValue()).isEqualTo(incomplete);
            totalTarget = target == null ? totalTarget : totalTarget == null ? target : totalTarget.add(target);
        }
        Checks.cost(Api.decimal(body.get("total").get("target_cost_usd")), totalTarget, "total");
        assertThat(body.get("priced_as").asText()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void shouldRefuseAnUnpricedTarget() {
        Map<String, Object> q = new HashMap<>(range());
        q.put("target_model", "no-such-model-anywhere");
        Api.get(world.acmeViewer, "/v1/compare/counterfactual", q).then().statusCode(400)
                .body("errors[0].parameter", org.hamcrest.Matchers.equalTo("target_model"));
    }

    @Test
    void shouldPutSessionsSideBySide() {
        List<String> ids = world.acme.stream().collect(Collectors.groupingBy(g -> g.turn().sessionId(),
                        Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(3).map(Map.Entry::getKey).toList();
        Map<String, List<GeneratedTurn>> turns = new HashMap<>();
        for (String id : ids) {
            turns.put(id, world.acme.stream().filter(g -> g.turn().sessionId().equals(id))
                    .sorted(Comparator.comparing((GeneratedTurn g) -> g.turn().occurredAt())
                            .thenComparing(g -> g.turn().eventId())).toList());
        }
        Map<String, Object> q = new HashMap<>();
        q.put("session", ids);
        q.put("limit", "7");
        JsonNode first = Api.ok(world.acmeViewer, "/v1/compare/sessions", q);
        for (int i = 0; i < ids.size(); i++) {
            JsonNode item = first.get("items").get(i);
            assertThat(item.get("id").asText()).isEqualTo(ids.get(i));
            Checks.figures(item.get("figures"), Expected.of(turns.get(ids.get(i))), ids.get(i));
            Checks.latency(item.get("figures"), Expected.of(turns.get(ids.get(i))), ids.get(i));
        }
        List<JsonNode> positions = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.get("positions").forEach(positions::add);
            if (page.get("next_cursor").isNull()) {
                break;
            }
            q.put("cursor", page.get("next_cursor").asText());
            page = Api.ok(world.acmeViewer, "/v1/compare/sessions", q);
        }
        int longest = turns.values().stream().mapToInt(List::size).max().orElseThrow();
        assertThat(positions).hasSize(longest);
        for (JsonNode p : positions) {
            int position = p.get("position").intValue();
            for (int i = 0; i < ids.size(); i++) {
                List<GeneratedTurn> list = turns.get(ids.get(i));
                JsonNode t = p.get("turns").get(i);
                if (position > list.size()) {
                    assertThat(t.isNull()).isTrue();
                } else {
                    GeneratedTurn g = list.get(position - 1);
                    assertThat(t.get("event_id").asText()).isEqualTo(g.turn().eventId());
                    Checks.cost(Api.decimal(t.get("cost_usd")), g.priced().cost().totalUsd(), "turn");
                    assertThat(Api.longOrNull(t.get("input_tokens"))).isEqualTo(g.turn().usageOrUnknown()
                            .inputTokens());
                }
            }
        }
    }

    @Test
    void shouldPutRecordingsSideBySideForDevelopersOnly() {
        Map<String, Object> q = new HashMap<>();
        q.put("recording", List.of("acme-rec0", "acme-rec1"));
        Api.get(world.acmeViewer, "/v1/compare/recordings", q).then().statusCode(403);
        JsonNode body = Api.ok(world.acmeDeveloper, "/v1/compare/recordings", q);
        for (int i = 0; i < 2; i++) {
            String id = "acme-rec" + i;
            Checks.figures(body.get("items").get(i).get("figures"), Expected.of(world.acme.stream()
                    .filter(g -> id.equals(TestWorld.recordingOf(g.turn()))).toList()), id);
        }
        Api.get(world.globexDeveloper, "/v1/compare/recordings", q).then().statusCode(404);
    }

    @Test
    void shouldRefuseTooFewOrTooManyIds() {
        Api.get(world.acmeViewer, "/v1/compare/sessions", Map.of("session", "a")).then().statusCode(400)
                .body("errors[0].parameter", org.hamcrest.Matchers.equalTo("session"));
        Api.get(world.acmeViewer, "/v1/compare/sessions", Map.of("session", List.of("a", "b", "c", "d", "e", "f")))
                .then().statusCode(400);
        Api.get(world.acmeViewer, "/v1/compare/sessions", Map.of("session", List.of("acme-s1", "globex-s1")))
                .then().statusCode(404);
    }

    private void checkModels(Map<String, String> extra, Predicate<TurnEvent> filter, int minModels) {
        Map<String, Object> q = new HashMap<>(range());
        q.putAll(extra);
        JsonNode body = Api.ok(world.acmeViewer, "/v1/compare/models", q);
        verifyModels(body, filter, minModels, world.acme);
        JsonNode globex = Api.ok(world.globexDeveloper, "/v1/compare/models", q);
        verifyModels(globex, filter, minModels, world.globex);
    }

    static void verifyModels(JsonNode body, Predicate<TurnEvent> filter, int minModels, List<GeneratedTurn> all) {
        List<GeneratedTurn> selected = Expected.select(all, FROM, TO,
                t -> t.prompt() != null && t.prompt().hash() != null && filter.test(t));
        Map<String, Set<String>> modelsByPrompt = selected.stream().collect(Collectors.groupingBy(
                g -> g.turn().prompt().hash(), Collectors.mapping(g -> g.turn().model(), Collectors.toSet())));
        Set<String> shared = modelsByPrompt.entrySet().stream().filter(e -> e.getValue().size() >= minModels)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(body.get("shared_prompts").longValue()).isEqualTo(body.get("models").isEmpty() ? 0 : shared.size());
        Map<String, List<GeneratedTurn>> byModel = selected.stream()
                .filter(g -> shared.contains(g.turn().prompt().hash()))
                .collect(Collectors.groupingBy(g -> g.turn().model()));
        assertThat(body.get("models")).hasSize(byModel.size());
        for (JsonNode m : body.get("models")) {
            List<GeneratedTurn> turns = byModel.get(m.get("model").asText());
            Expected e = Expected.of(turns);
            String what = m.get("model").asText();
            assertThat(m.get("turns").longValue()).as(what).isEqualTo(e.turns);
            assertThat(m.get("prompts").longValue()).isEqualTo(turns.stream().map(g -> g.turn().prompt().hash())
                    .distinct().count());
            List<Long> inputs = turns.stream().map(g -> g.turn().usageOrUnknown().inputTokens())
                    .filter(Objects::nonNull).toList();
            assertThat(m.get("input_tokens_turns").longValue()).isEqualTo(inputs.size());
            if (!inputs.isEmpty()) {
                assertThat(Api.decimal(m.get("mean_input_tokens"))).isEqualByComparingTo(BigDecimal.valueOf(
                        inputs.stream().mapToLong(Long::longValue).sum()).divide(BigDecimal.valueOf(inputs.size()), 4,
                        RoundingMode.HALF_EVEN));
                assertThat(m.get("median_input_tokens").doubleValue()).isCloseTo(percentile(inputs, 0.5),
                        within(1e-6));
            }
            Checks.cost(Api.decimal(m.get("cost_usd")), e.cost, what);
            if (e.cost != null) {
                assertThat(Api.decimal(m.get("cost_per_turn_usd"))).isEqualByComparingTo(e.cost.divide(
                        BigDecimal.valueOf(e.costTurns), 12, RoundingMode.HALF_EVEN));
            }
            assertThat(m.get("unpriced_turns").longValue()).isEqualTo(e.unpriced);
            if (!e.durations.isEmpty()) {
                assertThat(m.get("latency_p95_ms").doubleValue()).isCloseTo(percentile(e.durations, 0.95),
                        within(1e-6));
                assertThat(m.get("latency_p99_ms").doubleValue()).isCloseTo(percentile(e.durations, 0.99),
                        within(1e-6));
            }
            assertThat(m.get("error_rate").doubleValue()).isCloseTo((double) e.errors / e.turns, within(1e-12));
        }
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the two values around q * (n - 1). */
    static double percentile(List<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        double rank = q * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
    }

    private static Map<String, Object> range() {
        return Map.of("from", FROM.toString(), "to", TO.toString());
    }
}
