package io.agentmeter.query.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.it.Api;
import io.agentmeter.query.it.QueryTestResource;
import io.agentmeter.query.it.TestWorld;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/health/parts} against real parts where it can: this server's own PostgreSQL, a stand-in for the
 * gateway's readiness ({@link ReadinessStub}: ready, Kafka down, silent) and an aggregator address where nothing
 * listens (down, unreachable). Probe timeout 2 s, answers reused for 1 s (QueryTestResource).
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class PartsHealthIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final TestWorld world = QueryTestResource.world();

    @AfterEach
    void ready() {
        QueryTestResource.readiness().mode(ReadinessStub.Mode.READY);
    }

    @Test
    void shouldShowEveryPartAndTheUnreachableAggregatorAsDown() {
        Map<String, JsonNode> parts = until(p -> state(p, "gateway").equals("up"));

        assertThat(parts.keySet()).containsExactly("query_api", "postgresql", "gateway", "kafka", "aggregator",
                "writer");
        assertThat(state(parts, "query_api")).isEqualTo("up");
        assertThat(state(parts, "postgresql")).isEqualTo("up");
        assertThat(parts.get("postgresql").get("detail").asText()).startsWith("SELECT 1 answered in");
        assertThat(parts.get("gateway").get("detail").asText()).isEqualTo("ready: kafka UP, postgresql UP");
        assertThat(state(parts, "kafka")).isEqualTo("up");
        assertThat(parts.get("kafka").get("detail").asText()).isEqualTo("the gateway reaches 1 broker(s)");
        assertThat(state(parts, "aggregator")).isEqualTo("down");
        assertThat(parts.get("aggregator").get("detail").asText())
                .startsWith("no answer from GET " + QueryTestResource.aggregatorUrl() + "/health/ready: ")
                .contains("ConnectException");
        assertThat(parts.get("aggregator").get("name").asText()).isEqualTo("Aggregator");
        assertThat(state(parts, "writer")).as("AGENTMETER_WRITER_URL is not set here").isEqualTo("unknown");
        for (JsonNode part : parts.values()) {
            assertThat(Instant.parse(part.get("since").asText())).as(part.get("part").asText())
                    .isBefore(Instant.now().plusSeconds(1));
        }
    }

    @Test
    void shouldReportKafkaDownAsTheGatewaysReadinessSaysItAndKeepTheAggregatorsSince() {
        String aggregatorDownSince = until(p -> state(p, "gateway").equals("up")).get("aggregator").get("since")
                .asText();
        QueryTestResource.readiness().mode(ReadinessStub.Mode.KAFKA_DOWN);

        Map<String, JsonNode> parts = until(p -> state(p, "kafka").equals("down"));

        assertThat(state(parts, "gateway")).isEqualTo("down");
        assertThat(parts.get("gateway").get("detail").asText())
                .isEqualTo("not ready: kafka DOWN (" + ReadinessStub.KAFKA_ERROR + "), postgresql UP");
        assertThat(parts.get("kafka").get("detail").asText())
                .isEqualTo("the gateway says: " + ReadinessStub.KAFKA_ERROR);
        assertThat(Instant.parse(parts.get("kafka").get("since").asText()))
                .isAfter(Instant.parse(parts.get("query_api").get("since").asText()));
        assertThat(parts.get("aggregator").get("since").asText()).as("still down since the first probe")
                .isEqualTo(aggregatorDownSince);
        assertThat(state(parts, "postgresql")).isEqualTo("up");
    }

    @Test
    void shouldAnswerWithinTheTimeoutWhenTheGatewayDoesNotAnswer() {
        until(p -> state(p, "gateway").equals("up"));
        QueryTestResource.readiness().mode(ReadinessStub.Mode.SILENT);
        List<Long> millis = new ArrayList<>();
        Map<String, JsonNode> parts;
        Instant deadline = Instant.now().plusSeconds(30);
        do {
            long start = System.nanoTime();
            parts = parts(world.acmeViewer);
            millis.add((System.nanoTime() - start) / 1_000_000);
        } while (!state(parts, "gateway").equals("down") && Instant.now().isBefore(deadline));

        assertThat(state(parts, "gateway")).isEqualTo("down");
        assertThat(parts.get("gateway").get("detail").asText()).endsWith(": no answer within 2000 ms");
        assertThat(state(parts, "kafka")).isEqualTo("unknown");
        // The stub would answer after a minute; the probe gives up after 2 s (slack for a loaded machine).
        assertThat(millis).as("ms of each answer while the gateway is silent")
                .allMatch(ms -> ms < TIMEOUT.toMillis() + 6_000);
    }

    @Test
    void shouldProbeOncePerCacheLifeWhateverTheCallers() {
        // Asked without a pause for 2.5 s: one round per second (the cache's life here) at most, not one per call.
        Set<String> rounds = new HashSet<>();
        int calls = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofMillis(2500).toNanos()) {
            rounds.add(health(calls % 2 == 0 ? world.acmeViewer : world.acmeDeveloper).get("checked_at").asText());
            calls++;
        }
        long seconds = (System.nanoTime() - start + 999_999_999) / 1_000_000_000;
        assertThat(rounds.size()).as(calls + " calls in " + seconds + " s").isLessThanOrEqualTo((int) seconds + 1);
    }

    @Test
    void shouldTakeAnyQueryKeyAndRefuseTheRest() {
        given().when().get("/v1/health/parts").then().statusCode(401).body("error",
                org.hamcrest.Matchers.equalTo("unauthorized"));
        given().header("Authorization", "Bearer " + world.acmeRevoked).when().get("/v1/health/parts").then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + world.acmeIngest).when().get("/v1/health/parts").then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + world.acmeViewer).when().get("/v1/health/parts").then()
                .statusCode(200).header("Cache-Control", "no-store");
    }

    private Map<String, JsonNode> until(Predicate<Map<String, JsonNode>> condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        Map<String, JsonNode> parts = parts(world.acmeViewer);
        while (!condition.test(parts)) {
            assertThat(Instant.now()).as("waiting for the parts to show it; last: " + parts).isBefore(deadline);
            sleep();
            parts = parts(world.acmeViewer);
        }
        return parts;
    }

    private static Map<String, JsonNode> parts(String key) {
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        health(key).get("parts").forEach(p -> parts.put(p.get("part").asText(), p));
        return parts;
    }

    private static JsonNode health(String key) {
        return Api.ok(key, "/v1/health/parts", Map.of());
    }

    private static String state(Map<String, JsonNode> parts, String part) {
        return parts.get(part).get("state").asText();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
