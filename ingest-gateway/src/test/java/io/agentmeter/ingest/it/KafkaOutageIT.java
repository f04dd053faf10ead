package io.agentmeter.ingest.it;

import static io.agentmeter.ingest.it.Gateway.event;
import static io.agentmeter.ingest.it.Gateway.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away: requests get 503 with Retry-After within the bound (never hang), readiness turns DOWN within
 * two seconds, and once the broker is back every event that was ever acknowledged is on the topic.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class KafkaOutageIT {

    @Test
    void shouldAnswer503WithinTheBoundWhileKafkaIsDownAndLoseNoAcknowledgedEvent() throws Exception {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        Set<String> acknowledged = new HashSet<>();
        acknowledged.addAll(sendAccepted(key, batch("before", 10)));
        given().when().get("/q/health/ready").then().statusCode(200);

        GatewayTestResource.kafka().stop();
        try {
            // Several clients at once: each gets its answer within the bound, none hangs.
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<CompletableFuture<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                List<ObjectNode> events = batch("down-" + i, 5);
                answers.add(CompletableFuture.supplyAsync(() -> timed503(key, events), clients));
            }
            for (CompletableFuture<Long> answer : answers) {
                // The bound, plus room for a loaded CI machine to move the bytes.
                assertThat(answer.get()).as("ms until 503").isLessThanOrEqualTo(GatewayTestResource.PUBLISH_BOUND_MS + 2500);
            }
            clients.shutdown();

            long probed = System.nanoTime();
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"));
            // Each check gives up after 1 s; the rest is HTTP on a possibly loaded machine.
            // Bounded, not timed: the check gives up after its own timeout instead of hanging; the margin is for a busy
            // machine.
            assertThat((System.nanoTime() - probed) / 1_000_000).as("readiness answers, bounded").isLessThan(10_000);
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            GatewayTestResource.kafka().restart();
        }

        // The producer reconnects on its own; the first requests may still fail while it does.
        List<ObjectNode> after = batch("after", 10);
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = given().auth().oauth2(key).contentType("application/json").body(json(after))
                    .when().post("/v1/turns").then().extract().statusCode();
            assertThat(status).isIn(200, 503);
        }
        assertThat(status).isEqualTo(200);
        acknowledged.addAll(ids(after));
        // The clients retry what got 503; it is accepted now.
        for (int i = 0; i < 4; i++) {
            acknowledged.addAll(sendAccepted(key, batch("down-" + i, 5)));
        }
        given().when().get("/q/health/ready").then().statusCode(200);

        Set<String> onTopic = Gateway.turnsOf(tenant, acknowledged.size()).stream()
                .map(record -> Gateway.tree(record.value()).get("event_id").textValue())
                .collect(Collectors.toSet());
        assertThat(onTopic).containsAll(acknowledged);
    }

    private static long timed503(String key, List<ObjectNode> events) {
        long started = System.nanoTime();
        ExtractableResponse<Response> response = given().auth().oauth2(key).contentType("application/json")
                .body(json(events))
                .when().post("/v1/turns")
                .then().statusCode(503)
                .body("error", equalTo("kafka_unavailable"))
                .extract();
        assertThat(response.header("Retry-After")).isEqualTo("2");
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static List<String> sendAccepted(String key, List<ObjectNode> events) {
        given().auth().oauth2(key).contentType("application/json").body(json(events))
                .when().post("/v1/turns")
                .then().statusCode(200).body("accepted", equalTo(events.size()));
        return ids(events);
    }

    private static List<ObjectNode> batch(String prefix, int size) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(event(prefix + "-" + i, "session-" + prefix + "-" + (i % 3)));
        }
        return events;
    }

    private static List<String> ids(List<ObjectNode> events) {
        return events.stream().map(e -> e.get("event_id").textValue()).toList();
    }
}
