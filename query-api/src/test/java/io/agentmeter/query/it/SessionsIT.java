package io.agentmeter.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.event.TurnEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class SessionsIT {

    private static final Instant FROM = Instant.parse("2026-03-28T03:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-29T21:30:00Z");

    private final TestWorld world = QueryTestResource.world();

    @Test
    void shouldListTheSessionsOfTheRangeByCostAcrossPages() {
        List<JsonNode> items = all(world.acmeViewer, Map.of("sort", "cost", "limit", "7"));
        Map<String, List<GeneratedTurn>> expected = activeSessions(world.acme, t -> true);
        assertThat(items).hasSize(expected.size());
        List<String> expectedOrder = expected.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, List<GeneratedTurn>>, BigDecimal>comparing(
                                e -> Expected.of(e.getValue()).cost, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
        assertThat(items.stream().map(i -> i.get("session_id").asText()).toList()).isEqualTo(expectedOrder);
        for (JsonNode item : items) {
            String id = item.get("session_id").asText();
            Checks.figures(item.get("figures"), Expected.of(expected.get(id)), id);
            assertThat(Instant.parse(item.get("first_seen").asText())).isEqualTo(expected.get(id).stream()
                    .map(g -> g.turn().occurredAt()).min(Comparator.naturalOrder()).orElseThrow());
        }
    }

    @Test
    void shouldSortByTurnsTokensAndDuration() {
        Map<String, List<GeneratedTurn>> expected = activeSessions(world.acme, t -> true);
        List<Long> turns = all(world.acmeViewer, Map.of("sort", "turns", "order", "asc", "limit", "50")).stream()
                .map(i -> i.get("figures").get("turns").longValue()).toList();
        assertThat(turns).isSorted().hasSize(expected.size());
        List<Long> tokens = all(world.acmeViewer, Map.of("sort", "tokens", "limit", "9")).stream()
                .map(i -> Api.longOrNull(i.get("figures").get("input_tokens")) == null ? 0L
                        : i.get("figures").get("input_tokens").longValue()
                        + (Api.longOrNull(i.get("figures").get("output_tokens")) == null ? 0L
                        : i.get("figures").get("output_tokens").longValue())).toList();
        assertThat(tokens).isSortedAccordingTo(Comparator.reverseOrder()).hasSize(expected.size());
        List<Long> durations = all(world.acmeViewer, Map.of("sort", "duration", "limit", "11")).stream()
                .map(i -> i.get("duration_ms").longValue()).toList();
        assertThat(durations).isSortedAccordingTo(Comparator.reverseOrder()).hasSize(expected.size());
    }

    @Test
    void shouldKeepSessionsWithAMatchingTurnWhenFiltered() {
        Predicate<TurnEvent> gpt5 = t -> t.model().equals("gpt-5");
        List<JsonNode> items = all(world.acmeViewer, Map.of("model", "gpt-5", "limit", "100"));
        Map<String, List<GeneratedTurn>> active = activeSessions(world.acme, t -> true);
        List<String> expected = active.keySet().stream().filter(id -> world.acme.stream().anyMatch(g ->
                g.turn().sessionId().equals(id) && gpt5.test(g.turn()) && inRange(g))).sorted().toList();
        assertThat(items.stream().map(i -> i.get("session_id").asText()).sorted().toList()).isEqualTo(expected);
    }

    @Test
    void shouldShowOneSessionFromItsTurns() {
        String id = biggestSession();
        List<GeneratedTurn> turns = world.acme.stream().filter(g -> g.turn().sessionId().equals(id))
                .sorted(Comparator.comparing((GeneratedTurn g) -> g.turn().occurredAt())
                        .thenComparing(g -> g.turn().eventId())).toList();
        JsonNode body = Api.ok(world.acmeViewer, "/v1/sessions/" + id, Map.of("limit", "5"));
        Checks.figures(body.get("figures"), Expected.of(turns), id);
        Checks.latency(body.get("figures"), Expected.of(turns), id);
        Map<String, List<GeneratedTurn>> byModel = turns.stream().collect(Collectors.groupingBy(g -> g.turn().model()));
        assertThat(body.get("models")).hasSize(byModel.size());
        for (JsonNode m : body.get("models")) {
            Checks.figures(m.get("figures"), Expected.of(byModel.get(m.get("model").asText())), m.toString());
        }
        Long peak = turns.stream().map(g -> g.turn().context() == null ? null : g.turn().context().usedTokens())
                .filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
        assertThat(Api.longOrNull(body.get("context_peak_tokens"))).isEqualTo(peak);
        List<String> events = new ArrayList<>();
        JsonNode page = body;
        while (true) {
            page.get("turns").forEach(t -> {
                events.add(t.get("event_id").asText());
                assertThat(t.has("prompt_text")).isFalse();
                assertThat(t.has("params")).isFalse();
            });
            if (page.get("next_cursor").isNull()) {
                break;
            }
            page = Api.ok(world.acmeViewer, "/v1/sessions/" + id, Map.of("limit", "5", "cursor",
                    page.get("next_cursor").asText()));
        }
        assertThat(events).isEqualTo(turns.stream().map(g -> g.turn().eventId()).toList());
    }

    @Test
    void shouldShowPromptTextAndParamsToDevelopersOnly() {
        String id = biggestSession();
        Map<String, String> q = Map.of("include", "prompt_text,params", "limit", "500");
        Api.get(world.acmeViewer, "/v1/sessions/" + id, q).then().statusCode(403);
        JsonNode body = Api.ok(world.acmeDeveloper, "/v1/sessions/" + id, q);
        Map<String, GeneratedTurn> byEvent = world.acme.stream()
                .collect(Collectors.toMap(g -> g.turn().eventId(), g -> g));
        for (JsonNode t : body.get("turns")) {
            TurnEvent turn = byEvent.get(t.get("event_id").asText()).turn();
            assertThat(t.has("prompt_text")).isTrue();
            assertThat(t.get("prompt_text").isNull() ? null : t.get("prompt_text").asText())
                    .isEqualTo(turn.prompt() == null ? null : turn.prompt().text());
            assertThat(t.get("params").isNull()).isEqualTo(turn.params() == null);
        }
    }

    @Test
    void shouldNotShowAnotherTenantsSessions() {
        Api.get(world.globexDeveloper, "/v1/sessions/" + biggestSession(), Map.of()).then().statusCode(404);
        List<JsonNode> items = all(world.globexDeveloper, Map.of("limit", "100"));
        assertThat(items).isNotEmpty().allSatisfy(i -> assertThat(i.get("session_id").asText()).startsWith("globex"));
        assertThat(items).hasSize(activeSessions(world.globex, t -> true).size());
    }

    @Test
    void shouldRefuseACursorOfAnotherQuery() {
        JsonNode first = Api.ok(world.acmeViewer, "/v1/sessions", query(Map.of("limit", "2")));
        Map<String, String> other = new HashMap<>(query(Map.of("limit", "2", "sort", "turns")));
        other.put("cursor", first.get("next_cursor").asText());
        Api.get(world.acmeViewer, "/v1/sessions", other).then().statusCode(400)
                .body("errors[0].parameter", org.hamcrest.Matchers.equalTo("cursor"));
    }

    private String biggestSession() {
        return world.acme.stream().collect(Collectors.groupingBy(g -> g.turn().sessionId(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry::getKey))
                .orElseThrow().getKey();
    }

    /**
     * The sessions the list holds, each with the turns of its rollup (every turn of the session): a session counts
     * when the span of its rollup overlaps the range and a turn of it lies in the range.
     */
    static Map<String, List<GeneratedTurn>> activeSessions(List<GeneratedTurn> all, Predicate<TurnEvent> filter) {
        Map<String, List<GeneratedTurn>> rolled = new LinkedHashMap<>();
        for (GeneratedTurn g : all) {
            rolled.computeIfAbsent(g.turn().sessionId(), k -> new ArrayList<>()).add(g);
        }
        Map<String, List<GeneratedTurn>> out = new LinkedHashMap<>();
        rolled.forEach((id, turns) -> {
            Instant first = turns.stream().map(g -> g.turn().occurredAt()).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = turns.stream().map(g -> g.turn().occurredAt()).max(Comparator.naturalOrder()).orElseThrow();
            boolean overlaps = first.isBefore(TO) && !last.isBefore(FROM);
            boolean turnInside = all.stream().anyMatch(g -> g.turn().sessionId().equals(id) && inRange(g));
            if (overlaps && turnInside) {
                out.put(id, turns);
            }
        });
        return out;
    }

    private static boolean inRange(GeneratedTurn g) {
        return !g.turn().occurredAt().isBefore(FROM) && g.turn().occurredAt().isBefore(TO);
    }

    private List<JsonNode> all(String key, Map<String, String> extra) {
        List<JsonNode> items = new ArrayList<>();
        Map<String, String> q = new HashMap<>(query(extra));
        while (true) {
            JsonNode page = Api.ok(key, "/v1/sessions", q);
            page.get("items").forEach(items::add);
            if (page.get("next_cursor").isNull()) {
                return items;
            }
            q.put("cursor", page.get("next_cursor").asText());
        }
    }

    private static Map<String, String> query(Map<String, String> extra) {
        Map<String, String> q = new HashMap<>(extra);
        q.put("from", FROM.toString());
        q.put("to", TO.toString());
        return q;
    }
}
