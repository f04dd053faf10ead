package io.agentmeter.ingest.it;

import static io.agentmeter.ingest.it.Gateway.event;
import static io.agentmeter.ingest.it.Gateway.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health, metrics and the OpenAPI document. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OpsIT {

    @Test
    void shouldBeLiveAndReadyWithKafkaAndPostgresql() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"));
    }

    @Test
    void shouldExposeIngestMetricsForPrometheus() {
        String key = Gateway.newKey(Gateway.newTenant());
        var bad = event("bad", "s");
        bad.remove("model");
        given().auth().oauth2(key).contentType("application/json").body(json(List.of(event("ok", "s"), bad)))
                .when().post("/v1/turns").then().statusCode(400);
        given().contentType("application/json").body(json(event("x", "s")))
                .when().post("/v1/turns").then().statusCode(401);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("agentmeter_ingest_events_accepted_total{source=\"http\",type=\"turn\"}"))
                .body(containsString(
                        "agentmeter_ingest_events_rejected_total{reason=\"invalid\",source=\"http\",type=\"turn\"}"))
                .body(containsString("agentmeter_ingest_batch_size_events_count{source=\"http\"}"))
                .body(containsString("agentmeter_ingest_produce_latency_seconds_count"))
                .body(containsString("agentmeter_ingest_requests_rejected_total{error=\"unauthorized\",status=\"401\"}"));
    }

    @Test
    void shouldLabelRequestsByRouteNeverByTheCallersPath() {
        // Refused before their route matched (a NUL in the id, a method the route lacks): the label is the template.
        given().urlEncodingEnabled(false).auth().oauth2(GatewayTestResource.ADMIN_SECRET)
                .when().delete("/admin/keys/a%00b4711").then().statusCode(400);
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).when().put("/admin/tenants/put4711")
                .then().statusCode(405);
        given().when().post("/v1/recordings/rec4711/stop").then().statusCode(401);
        given().urlEncodingEnabled(false).auth().oauth2(GatewayTestResource.ADMIN_SECRET)
                .when().put("/admin/keys/a%2Fb4711").then().statusCode(405);
        given().contentType("application/json").body("{}").when().post("/v1/turns").then().statusCode(401);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        Pattern uriLabel = Pattern.compile("uri=\"([^\"]*)\"");
        assertThat(uriLabel.matcher(metrics).results().map(m -> m.group(1)).distinct())
                .as("uri labels: templates, never raw ids or paths")
                .contains("/admin/keys/{key_id}", "/admin/tenants/{tenant_id}", "/v1/recordings/{recording_id}/stop",
                        "/v1/turns")
                .noneMatch(uri -> uri.contains("4711"));
    }

    @Test
    void shouldServeAnOpenApiDocumentThatStatesTheMixedBatchRule() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/turns"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/traces"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/recordings"))
                .body("paths", org.hamcrest.Matchers.hasKey("/admin/keys"))
                .body("paths.'/v1/turns'.post.description", containsString("every valid item is accepted"))
                .body("components.schemas.BatchResult.properties", org.hamcrest.Matchers.hasKey("rejected_items"));
    }
}
