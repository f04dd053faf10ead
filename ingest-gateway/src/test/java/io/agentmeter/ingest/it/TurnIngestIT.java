package io.agentmeter.ingest.it;

import static io.agentmeter.ingest.it.Gateway.event;
import static io.agentmeter.ingest.it.Gateway.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.ingest.turns.TurnHeaders;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.TurnEventReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** POST /v1/turns against a real broker: what is acknowledged is on the topic, exactly as sent. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TurnIngestIT {

    @Test
    void shouldPublishEveryAcceptedEventExactlyAsSentKeyedByTenantAndSession() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        List<ObjectNode> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ObjectNode event = event("evt-" + i, "session-" + (i % 4));
            event.put("turn_index", i);
            sent.add(event);
        }
        // Spellings a re-encoding would change: an offset time, an unknown field, a decimal with trailing zeros.
        sent.get(0).put("occurred_at", "2025-06-01T14:00:00.5+02:00");
        sent.get(0).put("started_at", "2025-06-01T13:59:58+02:00");
        sent.get(1).putObject("future_field").put("nested", true);
        sent.get(2).putObject("params").put("temperature", new java.math.BigDecimal("0.70"));

        given().auth().oauth2(key).contentType("application/json").body(json(sent))
                .when().post("/v1/turns")
                .then().statusCode(200)
                .body("accepted", equalTo(25))
                .body("rejected", equalTo(0))
                .body("rejected_items", empty());

        List<ConsumerRecord<String, byte[]>> records = Gateway.turnsOf(tenant, 25);
        assertThat(records).hasSize(25);
        Map<String, ConsumerRecord<String, byte[]>> byId = records.stream()
                .collect(Collectors.toMap(r -> Gateway.tree(r.value()).get("event_id").textValue(), Function.identity()));
        TurnEventReader reader = new TurnEventReader();
        for (ObjectNode event : sent) {
            ConsumerRecord<String, byte[]> record = byId.get(event.get("event_id").textValue());
            ObjectNode expected = event.deepCopy().put("tenant_id", tenant);
            assertThat(Gateway.tree(record.value())).isEqualTo(expected);
            assertThat(record.key()).isEqualTo(tenant + ":" + event.get("session_id").textValue());
            assertThat(Gateway.header(record, TurnHeaders.SOURCE)).isEqualTo("http");
            assertThat(Gateway.header(record, TurnHeaders.SCHEMA_VERSION)).isEqualTo("1");
            assertThat(reader.read(record.value()).isValid()).as("downstream reads it as valid").isTrue();
        }
    }

    @Test
    void shouldAcceptOneEventObject() {
        String tenant = Gateway.newTenant();
        ObjectNode event = event("single-1", "s");
        given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/json; charset=utf-8").body(json(event))
                .when().post("/v1/turns")
                .then().statusCode(200).body("accepted", equalTo(1));
        assertThat(Gateway.turnsOf(tenant, 1)).singleElement()
                .satisfies(r -> assertThat(Gateway.tree(r.value())).isEqualTo(event.deepCopy().put("tenant_id", tenant)));
    }

    @Test
    void shouldAcceptNdjsonSkippingBlankLinesAndRejectingOnlyTheLineThatIsNotJson() {
        String tenant = Gateway.newTenant();
        String body = event("nd-0", "s").toString() + "\r\n\n"
                + "{\"event_id\": \"nd-broken\", \n"
                + event("nd-2", "s").toString() + "\n";
        given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/x-ndjson").body(bytes(body))
                .when().post("/v1/turns")
                .then().statusCode(400)
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(1))
                .body("error", equalTo("invalid_events"))
                .body("rejected_items[0].index", equalTo(1))
                .body("rejected_items[0].errors[0].path", equalTo("$"))
                .body("rejected_items[0].errors[0].reason", startsWith("is not valid JSON"));
        assertThat(Gateway.turnsOf(tenant, 2)).extracting(r -> Gateway.tree(r.value()).get("event_id").textValue())
                .containsExactlyInAnyOrder("nd-0", "nd-2");
    }

    @Test
    void shouldAcceptGzipCompressedJsonAndNdjson() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        given().auth().oauth2(key).contentType("application/json").header("Content-Encoding", "gzip")
                .body(Gateway.gzip(json(List.of(event("gz-1", "s"), event("gz-2", "s")))))
                .when().post("/v1/turns")
                .then().statusCode(200).body("accepted", equalTo(2));
        given().auth().oauth2(key).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .body(Gateway.gzip(Gateway.ndjson(List.of(event("gz-3", "s")))))
                .when().post("/v1/turns")
                .then().statusCode(200).body("accepted", equalTo(1));
        assertThat(Gateway.turnsOf(tenant, 3)).extracting(r -> Gateway.tree(r.value()).get("event_id").textValue())
                .containsExactlyInAnyOrder("gz-1", "gz-2", "gz-3");
    }

    @Test
    void shouldAcceptTheValidItemsOfAMixedBatchAndListEveryErrorOfEachInvalidOne() {
        String tenant = Gateway.newTenant();
        ObjectNode noModel = event("bad-1", "s");
        noModel.remove("model");
        ObjectNode badNumbers = event("bad-2", "s");
        badNumbers.with("usage").put("input_tokens", -5);
        badNumbers.put("status", "maybe");
        List<JsonNode> batch = List.of(event("ok-0", "s"), noModel, badNumbers, Json.mapper().getNodeFactory()
                .textNode("not an event"), event("ok-4", "s"));

        given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/json").body(json(batch))
                .when().post("/v1/turns")
                .then().statusCode(400)
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(3))
                .body("rejected_items.index", contains(1, 2, 3))
                .body("rejected_items[0].event_id", equalTo("bad-1"))
                .body("rejected_items[0].errors.path", contains("$.model"))
                .body("rejected_items[0].errors[0].reason", equalTo("is required"))
                .body("rejected_items[1].event_id", equalTo("bad-2"))
                .body("rejected_items[1].errors.path", contains("$.usage.input_tokens", "$.status"))
                .body("rejected_items[2].errors.path", contains("$"))
                .body("rejected_items[2].errors", hasSize(1));
        assertThat(Gateway.turnsOf(tenant, 2)).extracting(r -> Gateway.tree(r.value()).get("event_id").textValue())
                .containsExactlyInAnyOrder("ok-0", "ok-4");
    }

    @Test
    void shouldReplaceThePayloadsTenantWithTheKeysTenant() {
        String tenant = Gateway.newTenant();
        String victim = Gateway.newTenant();
        ObjectNode event = event("spoof-1", "s").put("tenant_id", victim);
        ObjectNode invalidTenant = event("spoof-2", "s").put("tenant_id", "not a valid tenant!");
        given().auth().oauth2(Gateway.newKey(tenant)).contentType("application/json")
                .body(json(List.of(event, invalidTenant)))
                .when().post("/v1/turns")
                .then().statusCode(200).body("accepted", equalTo(2));
        List<ConsumerRecord<String, byte[]>> records = Gateway.turnsOf(tenant, 2);
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.key()).startsWith(tenant + ":");
            assertThat(Gateway.tree(record.value()).get("tenant_id").textValue()).isEqualTo(tenant);
        });
        assertThat(Gateway.read(io.agentmeter.schema.kafka.Topics.RAW_TURNS.name(), victim, 0)).isEmpty();
    }

    @Test
    void shouldStampTheProjectOfAProjectBoundKey() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant, "checkout");
        given().auth().oauth2(key).contentType("application/json")
                .body(json(List.of(event("p-1", "s").put("project", "other"), event("p-2", "s"))))
                .when().post("/v1/turns")
                .then().statusCode(200);
        assertThat(Gateway.turnsOf(tenant, 2))
                .allSatisfy(r -> assertThat(Gateway.tree(r.value()).get("project").textValue()).isEqualTo("checkout"));
    }

    @Test
    void shouldRejectABodyThatIsNotJsonAndPublishNothing() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        given().auth().oauth2(key).contentType("application/json")
                .body("[" + event("m-1", "s") + ", {\"event_id\": ")
                .when().post("/v1/turns")
                .then().statusCode(400)
                .body("error", equalTo("malformed_json"))
                .body("errors[0].path", equalTo("body"));
        given().auth().oauth2(key).contentType("application/json").body("[" + event("m-2", "s") + "] []")
                .when().post("/v1/turns")
                .then().statusCode(400).body("error", equalTo("malformed_body"));
        given().auth().oauth2(key).contentType("application/json").body("{\"event_id\": \"a\", \"event_id\": \"b\"}")
                .when().post("/v1/turns")
                .then().statusCode(400).body("error", equalTo("malformed_json"));
        given().auth().oauth2(key).contentType("application/json").body("42")
                .when().post("/v1/turns")
                .then().statusCode(400).body("error", equalTo("malformed_body"));
        assertThat(Gateway.read(io.agentmeter.schema.kafka.Topics.RAW_TURNS.name(), tenant, 0)).isEmpty();
    }

    @Test
    void shouldRejectEmptyBodiesAndEmptyBatches() {
        String key = Gateway.newKey(Gateway.newTenant());
        given().auth().oauth2(key).contentType("application/json").body(new byte[0])
                .when().post("/v1/turns")
                .then().statusCode(400).body("error", equalTo("empty_body"));
        given().auth().oauth2(key).contentType("application/json").body("[]")
                .when().post("/v1/turns")
                .then().statusCode(400).body("error", equalTo("empty_body"));
        given().auth().oauth2(key).contentType("application/x-ndjson").body(bytes("\n  \n"))
                .when().post("/v1/turns")
                .then().statusCode(400).body("error", equalTo("empty_body"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void shouldRejectUnsupportedContentTypesAndEncodingsWith415() {
        String key = Gateway.newKey(Gateway.newTenant());
        given().auth().oauth2(key).contentType("text/plain").body(bytes(event("x", "s").toString()))
                .when().post("/v1/turns")
                .then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"))
                .body("errors[0].path", equalTo("Content-Type"));
        given().auth().oauth2(key).contentType("application/json").header("Content-Encoding", "br")
                .body(event("x", "s").toString())
                .when().post("/v1/turns")
                .then().statusCode(415)
                .body("error", equalTo("unsupported_encoding"))
                .body("errors[0].path", equalTo("Content-Encoding"));
    }

    @Test
    void shouldRejectACorruptGzipBody() {
        String key = Gateway.newKey(Gateway.newTenant());
        byte[] gzip = Gateway.gzip(json(List.of(event("c-1", "s"))));
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length / 2);
        given().auth().oauth2(key).contentType("application/json").header("Content-Encoding", "gzip").body(truncated)
                .when().post("/v1/turns")
                .then().statusCode(400).body("error", equalTo("invalid_gzip"));
        given().auth().oauth2(key).contentType("application/json").header("Content-Encoding", "gzip")
                .body(event("c-2", "s").toString())
                .when().post("/v1/turns")
                .then().statusCode(400).body("error", equalTo("invalid_gzip"));
    }
}
