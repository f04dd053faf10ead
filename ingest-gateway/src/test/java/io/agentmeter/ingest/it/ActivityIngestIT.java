package io.agentmeter.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.ingest.otlp.AgentActivityTelemetry;
import io.agentmeter.ingest.turns.TurnHeaders;
import io.agentmeter.schema.activity.ActivityEventReader;
import io.agentmeter.schema.validation.ActivityPayload;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * POST /v1/activity and the activity events of POST /v1/logs on the real broker and PostgreSQL: what is acknowledged
 * is on agent-activity keyed tenant:session, with ids that a replay does not change; a tenant that keeps no payloads
 * gets none.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ActivityIngestIT {

    private static final String TIME = "2026-02-23T20:35:10Z";

    private static String line(String id, String session, String kind, String extra) {
        return "{\"event_id\":\"" + id + "\",\"occurred_at\":\"" + TIME + "\",\"session_id\":\"" + session
                + "\",\"kind\":\"" + kind + "\"" + extra + "}\n";
    }

    @Test
    void shouldPublishAnNdjsonBatchToAgentActivityAndRejectOnlyTheBadItemsNamingFieldAndReason() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        String big = "b".repeat(ActivityPayload.MAX_BYTES + 5000);
        String body = line("act-1", "s-1", "user_prompt", ",\"payload\":\"fix the test\"")
                + line("act-2", "s-1", "tool_call", ",\"name\":\"Bash\",\"status\":\"ok\",\"duration_ms\":840")
                + line("act-3", "s-1", "reply", ",\"payload\":\"" + big + "\"")
                + line("act-bad", "s-1", "thinking", ",\"duration_ms\":-1")
                + line("act-4", "s-2", "error", ",\"name\":\"api_error\",\"status\":\"error\"");
        double acceptedBefore = counted("accepted", "activity");
        double rejectedBefore = counted("rejected", "activity");
        double turnsBefore = counted("accepted", "turn");

        given().auth().oauth2(key).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/activity")
                .then().statusCode(400)
                .body("accepted", equalTo(4))
                .body("rejected", equalTo(1))
                .body("error", equalTo("invalid_events"))
                .body("rejected_items[0].index", equalTo(3))
                .body("rejected_items[0].event_id", equalTo("act-bad"))
                .body("rejected_items[0].errors[0].path", equalTo("$.kind"))
                .body("rejected_items[0].errors[1].path", equalTo("$.duration_ms"))
                .body("rejected_items[0].errors[1].reason", startsWith("must not be negative"));

        Map<String, ConsumerRecord<String, byte[]>> byId = byId(Gateway.activityOf(tenant, 4));
        assertThat(byId).containsOnlyKeys("act-1", "act-2", "act-3", "act-4");
        ActivityEventReader reader = new ActivityEventReader();
        for (ConsumerRecord<String, byte[]> record : byId.values()) {
            assertThat(reader.read(record.value()).isValid()).as("the writer reads it as valid").isTrue();
            assertThat(Gateway.header(record, TurnHeaders.SOURCE)).isEqualTo("http");
            assertThat(Gateway.tree(record.value()).get("tenant_id").textValue()).isEqualTo(tenant);
        }
        assertThat(byId.get("act-4").key()).isEqualTo(tenant + ":s-2");
        String cut = Gateway.tree(byId.get("act-3").value()).get("payload").textValue();
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ActivityPayload.MAX_BYTES);
        assertThat(cut).endsWith("…[truncated " + (big.length() - cut.indexOf('…')) + " bytes]");
        assertThat(Gateway.turnsOf(tenant, 0)).as("activity is never a turn").isEmpty();
        assertThat(counted("accepted", "activity") - acceptedBefore).as("counted as activity").isEqualTo(4.0);
        assertThat(counted("rejected", "activity") - rejectedBefore).isEqualTo(1.0);
        assertThat(counted("accepted", "turn")).as("not as turns").isEqualTo(turnsBefore);
    }

    /** agentmeter_ingest_events_{what}_total of source http and {@code type}. */
    private static double counted(String what, String type) {
        return Gateway.counted("agentmeter_ingest_events_" + what + "_total", "source=\"http\"",
                "type=\"" + type + "\"");
    }

    @Test
    void shouldPublishTheAgentsActivityLogEventsWithIdsAReplayDoesNotChange() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        String export = AgentActivityTelemetry.claudeCode("cc-" + tenant, List.of(
                new String[] {"user_prompt", "prompt_length", "20", "prompt", "why does the build fail"},
                new String[] {"tool_decision", "tool_name", "Bash", "decision", "accept", "source", "config"},
                new String[] {"tool_result", "tool_name", "Bash", "success", "true", "duration_ms", "1200"},
                new String[] {"api_error", "model", "claude-opus-4-6", "error", "Overloaded", "status_code", "529"}));

        for (int attempt = 0; attempt < 2; attempt++) { // the exporter's retry of the same batch
            given().auth().oauth2(key).contentType("application/json").body(export)
                    .when().post("/v1/logs")
                    .then().statusCode(200);
        }

        List<ConsumerRecord<String, byte[]>> records = Gateway.activityOf(tenant, 8);
        assertThat(records).hasSize(8);
        Map<String, Long> copies = new TreeMap<>();
        records.forEach(r -> copies.merge(Gateway.tree(r.value()).get("event_id").textValue(), 1L, Long::sum));
        assertThat(copies).hasSize(4).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(2));
        assertThat(copies.keySet()).allSatisfy(id -> assertThat(id).matches("cc-otlp:[a-z_]+:[0-9a-f]{32}"));
        JsonNode first = Gateway.tree(records.get(0).value());
        assertThat(records.get(0).key()).isEqualTo(tenant + ":cc-" + tenant);
        assertThat(Gateway.header(records.get(0), TurnHeaders.SOURCE)).isEqualTo("otlp");
        assertThat(records).extracting(r -> Gateway.tree(r.value()).get("kind").textValue())
                .containsOnly("user_prompt", "tool_decision", "tool_call", "error");
        assertThat(first.get("source").textValue()).isEqualTo("claude_code");
        assertThat(records).filteredOn(r -> Gateway.tree(r.value()).get("kind").textValue().equals("user_prompt"))
                .allSatisfy(r -> assertThat(Gateway.tree(r.value()).get("payload").textValue())
                        .isEqualTo("why does the build fail"));
    }

    @Test
    void shouldDropEveryPayloadOfATenantThatKeepsNone() throws Exception {
        String tenant = Gateway.newTenant();
        // The setting through the admin API: bad bodies are 400 naming the field, an unknown tenant 404.
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType("application/json")
                .body("{\"keep_activity_payloads\": \"no\"}").when().patch("/admin/tenants/" + tenant)
                .then().statusCode(400).body(containsString("$.keep_activity_payloads"))
                .body(containsString("must be true or false"));
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType("application/json")
                .body("{}").when().patch("/admin/tenants/" + tenant)
                .then().statusCode(400).body(containsString("is required"));
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType("application/json")
                .body("{\"keep_activity_payloads\": false}").when().patch("/admin/tenants/no-such-" + tenant)
                .then().statusCode(404);
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType("application/json")
                .body("{\"keep_activity_payloads\": false}").when().patch("/admin/tenants/" + tenant)
                .then().statusCode(200).body("tenant_id", equalTo(tenant))
                .body("keep_activity_payloads", equalTo(false));
        String key = Gateway.newKey(tenant);
        given().auth().oauth2(key).contentType("application/x-ndjson")
                .body(line("p-1", "s", "user_prompt", ",\"payload\":\"my secret prompt\"")
                        .getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/activity")
                .then().statusCode(200).body("accepted", equalTo(1));
        given().auth().oauth2(key).contentType("application/json")
                .body(AgentActivityTelemetry.claudeCode("s", List.<String[]>of(
                        new String[] {"user_prompt", "prompt_length", "16", "prompt", "my secret prompt"})))
                .when().post("/v1/logs")
                .then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> records = Gateway.activityOf(tenant, 2);
        assertThat(records).hasSize(2).allSatisfy(r -> {
            assertThat(Gateway.tree(r.value()).has("payload")).isFalse();
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("secret");
        });
    }

    private static Map<String, ConsumerRecord<String, byte[]>> byId(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, ConsumerRecord<String, byte[]>> byId = new TreeMap<>();
        records.forEach(r -> byId.put(Gateway.tree(r.value()).get("event_id").textValue(), r));
        return byId;
    }
}
