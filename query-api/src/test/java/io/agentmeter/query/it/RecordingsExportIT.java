package io.agentmeter.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.event.TurnEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class RecordingsExportIT {

    private static final Instant FROM = Instant.parse("2026-03-28T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-29T12:00:00Z");

    private final TestWorld world = QueryTestResource.world();

    @Test
    void shouldListRecordingsWithTheirFiguresForDevelopers() {
        Map<String, String> range = Map.of("from", TestWorld.START.toString(), "to", TestWorld.END.toString());
        Api.get(world.acmeViewer, "/v1/recordings", range).then().statusCode(403);
        JsonNode page = Api.ok(world.acmeDeveloper, "/v1/recordings", Map.of("from", TestWorld.START.toString(),
                "to", TestWorld.END.toString(), "limit", "2"));
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        JsonNode next = Api.ok(world.acmeDeveloper, "/v1/recordings", Map.of("from", TestWorld.START.toString(),
                "to", TestWorld.END.toString(), "limit", "2", "cursor", page.get("next_cursor").asText()));
        next.get("items").forEach(items::add);
        assertThat(next.get("next_cursor").isNull()).isTrue();
        assertThat(items.stream().map(i -> i.get("recording_id").asText()).sorted().toList())
                .containsExactly("acme-rec0", "acme-rec1", "acme-rec2");
        for (JsonNode item : items) {
            String id = item.get("recording_id").asText();
            Checks.figures(item.get("figures"), Expected.of(world.acme.stream()
                    .filter(g -> id.equals(TestWorld.recordingOf(g.turn()))).toList()), id);
        }
    }

    @Test
    void shouldShowOneRecordingPerModelAndSession() {
        Api.get(world.acmeViewer, "/v1/recordings/acme-rec1", Map.of()).then().statusCode(403);
        Api.get(world.globexDeveloper, "/v1/recordings/acme-rec1", Map.of()).then().statusCode(404);
        JsonNode body = Api.ok(world.acmeDeveloper, "/v1/recordings/acme-rec1", Map.of());
        List<GeneratedTurn> turns = world.acme.stream().filter(g -> "acme-rec1".equals(TestWorld.recordingOf(g.turn())))
                .toList();
        Checks.figures(body.get("recording").get("figures"), Expected.of(turns), "rec1");
        Map<String, List<GeneratedTurn>> bySession = turns.stream()
                .collect(Collectors.groupingBy(g -> g.turn().sessionId()));
        assertThat(body.get("sessions")).hasSize(bySession.size());
        body.get("sessions").forEach(s -> Checks.figures(s.get("figures"),
                Expected.of(bySession.get(s.get("id").asText())), s.get("id").asText()));
        assertThat(body.get("recording").get("config").get("preset").asText()).isEqualTo("p1");
    }

    @Test
    void shouldExportTheTurnsOfAFilterAsNdjsonInTimeOrder() {
        String body = given().header("Authorization", "Bearer " + world.acmeViewer)
                .queryParam("from", FROM.toString()).queryParam("to", TO.toString()).queryParam("model", "gpt-5")
                .when().get("/v1/export/turns").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("application/x-ndjson")).extract().asString();
        List<GeneratedTurn> expected = Expected.select(world.acme, FROM, TO, t -> t.model().equals("gpt-5"))
                .stream().sorted(Comparator.comparing((GeneratedTurn g) -> g.turn().occurredAt())
                        .thenComparing(g -> g.turn().eventId())).toList();
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(expected.size());
        for (int i = 0; i < lines.length; i++) {
            JsonNode row = Api.json(lines[i]);
            TurnEvent t = expected.get(i).turn();
            assertThat(row.get("event_id").asText()).isEqualTo(t.eventId());
            assertThat(Api.longOrNull(row.get("output_tokens"))).isEqualTo(t.usageOrUnknown().outputTokens());
            assertThat(row.has("output_tokens")).isTrue();
            Checks.cost(Api.decimal(row.get("cost_usd")), expected.get(i).priced().cost().totalUsd(), t.eventId());
            assertThat(row.has("prompt_text")).isFalse();
        }
    }

    @Test
    void shouldExportCsvWithPromptsForDevelopersOnly() {
        given().header("Authorization", "Bearer " + world.acmeViewer).queryParam("include", "prompt_text")
                .when().get("/v1/export/turns").then().statusCode(403);
        String csv = given().header("Authorization", "Bearer " + world.acmeDeveloper)
                .queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("include", "prompt_text").queryParam("format", "csv")
                .when().get("/v1/export/turns").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("event_id,occurred_at,session_id").endsWith(",prompt_text");
        List<GeneratedTurn> expected = Expected.select(world.acme, FROM, TO, t -> true);
        assertThat(lines).hasSize(expected.size() + 1);
        BigDecimal sum = BigDecimal.ZERO;
        int costColumn = List.of(lines[0].split(",")).indexOf("cost_usd");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            if (!cells[costColumn].isEmpty() && !lines[i].contains("\"")) {
                sum = sum.add(new BigDecimal(cells[costColumn]));
            }
        }
        assertThat(sum.signum()).isPositive();
    }
}
