package io.agentmeter.ingest.it;

import static io.agentmeter.ingest.it.Gateway.event;
import static io.agentmeter.ingest.it.Gateway.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Body size (as sent and after gunzip), events per request and the per-key rate limit. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class LimitsIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void shouldAnswer413ForABodyOverTheLimitAndPublishNothing() {
        String tenant = Gateway.newTenant();
        byte[] large = padded(GatewayTestResource.MAX_BODY_BYTES + 1);
        given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/json").body(large)
                .when().post("/v1/turns")
                .then().statusCode(413)
                .body("error", equalTo("payload_too_large"))
                .body("errors[0].path", equalTo("body"))
                .body("errors[0].reason", startsWith("is " + large.length + " bytes (Content-Length)"));
        assertThat(Gateway.read(io.agentmeter.schema.kafka.Topics.RAW_TURNS.name(), tenant, 0)).isEmpty();
    }

    @Test
    void shouldAnswer413ForAChunkedBodyOverTheLimit() throws Exception {
        String key = Gateway.newKey(Gateway.newTenant());
        byte[] large = padded(GatewayTestResource.MAX_BODY_BYTES * 2);
        // No Content-Length: the limit must hold while the body streams in.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/turns"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Gateway.tree(response.body().getBytes(StandardCharsets.UTF_8)).get("error").textValue())
                .isEqualTo("payload_too_large");
    }

    @Test
    void shouldAnswer413ForAGzipBombWithoutInflatingItAll() throws IOException {
        String key = Gateway.newKey(Gateway.newTenant());
        // 200 MiB of spaces inflate from about 200 KiB.
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream zip = new GZIPOutputStream(compressed)) {
            zip.write('[');
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
            zip.write(']');
        }
        assertThat(compressed.size()).isLessThan(GatewayTestResource.MAX_BODY_BYTES);
        long started = System.nanoTime();
        given().auth().oauth2(key).contentType("application/json").header("Content-Encoding", "gzip")
                .body(compressed.toByteArray())
                .when().post("/v1/turns")
                .then().statusCode(413)
                .body("error", equalTo("payload_too_large"))
                .body("errors[0].reason", startsWith("inflates to more than " + GatewayTestResource.MAX_BODY_BYTES));
        assertThat((System.nanoTime() - started) / 1_000_000).as("stops inflating at the limit").isLessThan(3000);
    }

    @Test
    void shouldAnswer413ForMoreEventsThanAllowedInOneRequest() {
        String tenant = Gateway.newTenant();
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i <= GatewayTestResource.MAX_EVENTS; i++) {
            events.add(minimal("many-" + i));
        }
        given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/json").body(json(events))
                .when().post("/v1/turns")
                .then().statusCode(413)
                .body("error", equalTo("too_many_events"))
                .body("errors[0].reason", startsWith("holds more than " + GatewayTestResource.MAX_EVENTS));
        assertThat(Gateway.read(io.agentmeter.schema.kafka.Topics.RAW_TURNS.name(), tenant, 0)).isEmpty();
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenAKeyGoesOverItsRate() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < GatewayTestResource.MAX_EVENTS; i++) {
            batch.add(minimal("rate-" + i));
        }
        given().auth().oauth2(key).contentType("application/json").body(json(batch))
                .when().post("/v1/turns").then().statusCode(200);
        ExtractableResponse<Response> limited = given().auth().oauth2(key).contentType("application/json")
                .body(json(batch))
                .when().post("/v1/turns")
                .then().statusCode(429)
                .body("error", equalTo("rate_limited"))
                .body("errors[0].path", equalTo("Authorization"))
                .extract();
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        // 200 events missing at 50 events/s: 4 s.
        assertThat(retryAfter).isBetween(1L, 5L);
        // Another key of the same tenant has its own bucket.
        given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/json").body(json(List.of(minimal("x"))))
                .when().post("/v1/turns").then().statusCode(200);
        // Nothing of the refused request was published.
        assertThat(Gateway.turnsOf(tenant, GatewayTestResource.MAX_EVENTS + 1))
                .hasSize(GatewayTestResource.MAX_EVENTS + 1);
    }

    private static ObjectNode minimal(String eventId) {
        ObjectNode event = io.agentmeter.schema.Json.mapper().createObjectNode();
        event.put("event_id", eventId);
        event.put("occurred_at", java.time.Instant.now().minusSeconds(5).toString());
        event.put("session_id", "s");
        event.put("model", "m");
        return event;
    }

    /** A JSON array of valid events, padded with whitespace to exactly {@code size} bytes. */
    private static byte[] padded(int size) {
        byte[] events = json(List.of(event("big", "s")));
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        System.arraycopy(events, 0, body, 0, events.length);
        return body;
    }
}
