package io.agentmeter.query.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class AuthIT {

    private final TestWorld world = QueryTestResource.world();

    @Test
    void shouldRefuseRequestsWithoutAValidQueryKey() {
        given().when().get("/v1/summary").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("unauthorized")).body("errors[0].parameter", equalTo("Authorization"));
        given().header("Authorization", "Basic abc").when().get("/v1/summary").then().statusCode(401);
        given().header("Authorization", "Bearer am_query_nope").when().get("/v1/summary").then().statusCode(401);
        given().header("Authorization", "Bearer " + world.acmeRevoked).when().get("/v1/summary").then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + world.acmeIngest).when().get("/v1/summary").then()
                .statusCode(403).body("message", containsString("query key"));
    }

    @Test
    void shouldServeCapabilitiesWithoutAKey() {
        given().when().get("/v1/capabilities").then().statusCode(200).body("api_version", equalTo("1.0"));
    }

    @Test
    void shouldPublishAnOpenApiDocumentOfEveryEndpoint() {
        String doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract()
                .asString();
        for (String path : new String[] {"/v1/summary", "/v1/series", "/v1/burn-rate", "/v1/sessions",
                "/v1/sessions/{session_id}", "/v1/compare/models", "/v1/compare/counterfactual", "/v1/compare/sessions",
                "/v1/compare/recordings", "/v1/breakdown", "/v1/heatmap", "/v1/recordings", "/v1/export/turns",
                "/v1/health/parts", "/v1/capabilities"}) {
            org.assertj.core.api.Assertions.assertThat(doc).contains("\"" + path + "\"");
        }
    }

    @Test
    void shouldAnswerBadParametersWith400NamingTheParameter() {
        bad(Map.of("from", "yesterday"), "from");
        bad(Map.of("to", "2026-03-28T10:00:00"), "to");
        bad(Map.of("from", "2026-03-29T00:00:00Z", "to", "2026-03-28T00:00:00Z"), "from");
        bad(Map.of("from", "2020-01-01T00:00:00Z", "to", "2026-03-28T00:00:00Z"), "from");
        bad(Map.of("tz", "Mars/Olympus"), "tz");
        bad(Map.of("tz", "+02:00"), "tz");
        bad(Map.of("label", "nocolon"), "label");
        bad(Map.of("format", "xml"), "format");
        given().header("Authorization", "Bearer " + world.acmeViewer).queryParam("limit", "0")
                .when().get("/v1/sessions").then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
        given().header("Authorization", "Bearer " + world.acmeViewer).queryParam("sort", "price")
                .when().get("/v1/sessions").then().statusCode(400).body("errors[0].parameter", equalTo("sort"));
        given().header("Authorization", "Bearer " + world.acmeViewer).queryParam("cursor", "garbage!")
                .when().get("/v1/sessions").then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void shouldAnswerCsvWhenAsked() {
        String csv = given().header("Authorization", "Bearer " + world.acmeViewer).header("Accept", "text/csv")
                .queryParam("from", "2026-03-28T00:00:00Z").queryParam("to", "2026-03-29T00:00:00Z")
                .when().get("/v1/summary").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(csv).startsWith("period,from,to,sessions,turns,");
        org.assertj.core.api.Assertions.assertThat(csv.split("\r\n")).hasSize(3);
        given().header("Authorization", "Bearer " + world.acmeViewer).queryParam("format", "csv")
                .when().get("/v1/summary").then().statusCode(200).contentType(containsString("text/csv"));
    }

    private void bad(Map<String, String> query, String parameter) {
        given().header("Authorization", "Bearer " + world.acmeViewer).queryParams(query)
                .when().get("/v1/summary").then().statusCode(400)
                .body("error", equalTo("invalid_parameter"))
                .body("errors[0].parameter", equalTo(parameter));
    }
}
