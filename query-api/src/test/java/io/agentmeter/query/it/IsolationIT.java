package io.agentmeter.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tenant B's key on every endpoint: tenant A's data never shows, A's ids are unknown (404). */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class IsolationIT {

    private final TestWorld world = QueryTestResource.world();
    private final Map<String, Object> range = Map.of("from", TestWorld.START.toString(), "to",
            TestWorld.END.toString());

    @Test
    void shouldShowTenantBOnlyItsOwnFiguresOnEveryFiguresEndpoint() {
        long globexTurns = world.globex.size();
        JsonNode summary = Api.ok(world.globexDeveloper, "/v1/summary", range);
        assertThat(summary.get("current").get("figures").get("turns").longValue()).isEqualTo(globexTurns);
        assertThat(sumTurns(Api.ok(world.globexDeveloper, "/v1/series", with("metric", "turns", "interval", "day"))
                .get("series").get(0).get("points"), "turns")).isEqualTo(globexTurns);
        assertThat(sumTurns(Api.ok(world.globexDeveloper, "/v1/heatmap", with()).get("cells"), "turns"))
                .isEqualTo(globexTurns);
        long byAgent = 0;
        for (JsonNode item : Api.ok(world.globexDeveloper, "/v1/breakdown", with("by", "agent")).get("items")) {
            byAgent += item.get("figures").get("turns").longValue();
        }
        assertThat(byAgent).isEqualTo(globexTurns);
        java.time.Instant at = java.time.Instant.parse("2026-03-31T23:00:00Z");
        JsonNode burn = Api.ok(world.globexDeveloper, "/v1/burn-rate", Map.of("at", at.toString()));
        assertThat(burn.get("this_month").get("turns").longValue()).isEqualTo(world.globex.stream()
                .filter(g -> g.turn().occurredAt().isBefore(at)).count());
        JsonNode compare = Api.ok(world.globexDeveloper, "/v1/compare/counterfactual",
                with("target_model", "gpt-5"));
        assertThat(compare.get("total").get("turns").longValue()).isEqualTo(globexTurns);
    }

    @Test
    void shouldNeverListOrShowTenantAsSessionsRecordingsOrTurns() {
        for (JsonNode s : Api.ok(world.globexDeveloper, "/v1/sessions", with("limit", "1000")).get("items")) {
            assertThat(s.get("session_id").asText()).startsWith("globex-");
        }
        for (JsonNode r : Api.ok(world.globexDeveloper, "/v1/recordings", with()).get("items")) {
            assertThat(r.get("recording_id").asText()).startsWith("globex-");
        }
        for (JsonNode m : Api.ok(world.globexDeveloper, "/v1/compare/models", with()).get("models")) {
            assertThat(m.get("turns").longValue()).isPositive();
        }
        String acmeSession = world.acme.get(0).turn().sessionId();
        Api.get(world.globexDeveloper, "/v1/sessions/" + acmeSession, Map.of()).then().statusCode(404);
        Api.get(world.globexDeveloper, "/v1/recordings/acme-rec0", Map.of()).then().statusCode(404);
        Api.get(world.globexDeveloper, "/v1/compare/sessions",
                Map.of("session", world.acme.stream().map(g -> g.turn().sessionId()).distinct().limit(2).toList()))
                .then().statusCode(404);
        Api.get(world.globexDeveloper, "/v1/compare/recordings",
                Map.of("recording", List.of("acme-rec0", "acme-rec1"))).then().statusCode(404);
        String export = given().header("Authorization", "Bearer " + world.globexDeveloper).queryParams(range)
                .when().get("/v1/export/turns").then().statusCode(200).extract().asString();
        String[] lines = export.split("\n");
        assertThat(lines).hasSize(world.globex.size());
        for (String line : lines) {
            assertThat(Api.json(line).get("session_id").asText()).startsWith("globex-");
        }
    }

    private Map<String, Object> with(String... pairs) {
        Map<String, Object> q = new HashMap<>(range);
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], pairs[i + 1]);
        }
        return q;
    }

    private static long sumTurns(JsonNode points, String field) {
        long total = 0;
        for (JsonNode p : points) {
            total += p.get(field).longValue();
        }
        return total;
    }
}
