package io.agentmeter.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.event.TurnEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class SummaryIT {

    private static final Instant FROM = Instant.parse("2026-03-27T05:17:23.250Z");
    private static final Instant TO = Instant.parse("2026-03-30T19:42:10Z");

    private final TestWorld world = QueryTestResource.world();

    @Test
    void shouldEqualTheTurnsOverARaggedRange() {
        check(Map.of(), t -> true, FROM, TO, "rollups");
    }

    @Test
    void shouldEqualTheTurnsOverAWholeDayRange() {
        check(Map.of(), t -> true, Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"),
                "rollups");
    }

    @Test
    void shouldFilterByModelAndProjectFromTheModelRollups() {
        check(Map.of("model", "gpt-5", "project", "alpha"),
                t -> t.model().equals("gpt-5") && "alpha".equals(t.project()), FROM, TO, "model_rollups");
    }

    @Test
    void shouldFilterByAgentFromTheAgentRollups() {
        check(Map.of("agent", "coder"), t -> "coder".equals(t.agent()), FROM, TO, "agent_rollups");
    }

    @Test
    void shouldFilterByLabelFromTheTurns() {
        check(Map.of("label", "team:payments"),
                t -> t.labels() != null && "payments".equals(t.labels().get("team")), FROM, TO, null);
    }

    @Test
    void shouldFilterByAgentAndModelFromTheTurns() {
        check(Map.of("agent", "planner", "model", "my-local-model"),
                t -> "planner".equals(t.agent()) && t.model().equals("my-local-model"), FROM, TO, null);
    }

    @Test
    void shouldShowUnknownTokensAsNullWithZeroCoverage() {
        // The unpriced local model's turns in a short range: some token kinds were never reported there.
        Predicate<TurnEvent> filter = t -> t.model().equals("my-local-model") && t.provider() != null;
        Instant from = Instant.parse("2026-03-27T00:00:00Z");
        for (int hour = 0; hour < 72; hour++) {
            Instant a = from.plusSeconds(hour * 3600L);
            Instant b = a.plusSeconds(3600);
            Expected e = Expected.of(Expected.select(world.acme, a, b, filter));
            if (e.turns > 0 && e.coverage("cache_write_1h_tokens") == 0) {
                JsonNode f = summary(world.acmeViewer, Map.of("model", "my-local-model", "provider", "local"), a, b)
                        .get("current").get("figures");
                assertThat(f.get("cache_write_1h_tokens").isNull()).isTrue();
                assertThat(f.get("cache_write_1h_tokens_turns").longValue()).isZero();
                assertThat(f.get("cost_usd").isNull()).isTrue();
                assertThat(f.get("unpriced_turns").longValue()).isPositive();
                return;
            }
        }
        throw new AssertionError("the test data has no hour without 1h cache writes for the local model");
    }

    @Test
    void shouldNeverShowAnotherTenantsTurns() {
        JsonNode globex = summary(world.globexDeveloper, Map.of(), FROM, TO);
        Expected expected = Expected.of(Expected.select(world.globex, FROM, TO, t -> true));
        Checks.figures(globex.get("current").get("figures"), expected, "globex");
        assertThat(globex.get("current").get("sessions").longValue())
                .isEqualTo(Expected.distinct(Expected.select(world.globex, FROM, TO, t -> true), TurnEvent::sessionId));
    }

    @Test
    void shouldAddLatencyQuantilesOnRequest() {
        Map<String, String> q = new HashMap<>(range(FROM, TO));
        q.put("latency", "true");
        JsonNode body = Api.ok(world.acmeViewer, "/v1/summary", q);
        Checks.latency(body.get("current").get("figures"), Expected.of(Expected.select(world.acme, FROM, TO,
                t -> true)), "acme");
    }

    private void check(Map<String, String> filter, Predicate<TurnEvent> predicate, Instant from, Instant to,
                       String table) {
        JsonNode body = summary(world.acmeViewer, filter, from, to);
        List<GeneratedTurn> current = Expected.select(world.acme, from, to, predicate);
        Checks.figures(body.get("current").get("figures"), Expected.of(current), "current");
        assertThat(body.get("current").get("sessions").longValue()).as("sessions")
                .isEqualTo(Expected.distinct(current, TurnEvent::sessionId));
        Instant prevFrom = from.minus(java.time.Duration.between(from, to));
        List<GeneratedTurn> previous = Expected.select(world.acme, prevFrom, from, predicate);
        Checks.figures(body.get("previous").get("figures"), Expected.of(previous), "previous");
        assertThat(body.get("previous").get("sessions").longValue()).as("previous sessions")
                .isEqualTo(Expected.distinct(previous, TurnEvent::sessionId));
        assertThat(body.get("previous").get("from").asText()).isEqualTo(prevFrom.toString());
        JsonNode served = body.get("current").get("served_from");
        if (table == null) {
            assertThat(served.get("rollup_table").isNull()).isTrue();
        } else if (!table.equals("rollups")) {
            assertThat(served.get("rollup_table").asText()).isEqualTo(table);
        } else {
            assertThat(served.get("rollup_table").isNull()).isFalse();
        }
        assertThat(Objects.requireNonNull(current).size()).isPositive();
    }

    private JsonNode summary(String key, Map<String, String> filter, Instant from, Instant to) {
        Map<String, String> q = new HashMap<>(filter);
        q.putAll(range(from, to));
        return Api.ok(key, "/v1/summary", q);
    }

    static Map<String, String> range(Instant from, Instant to) {
        return Map.of("from", from.toString(), "to", to.toString());
    }
}
