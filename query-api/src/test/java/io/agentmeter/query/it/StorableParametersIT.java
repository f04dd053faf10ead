package io.agentmeter.query.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A NUL ({@code %00}) in any query parameter or path segment is a 400 naming the parameter: never a 503
 * {@code database_unavailable} with Retry-After, never an export answered 200 and cut short (issue 18, defect 2).
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class StorableParametersIT {

    private static final String NUL = "\u0000";

    private final TestWorld world = QueryTestResource.world();

    @Test
    void shouldRefuseANulInAFilterParameterNamingIt() {
        refused(Api.get(world.acmeViewer, "/v1/summary", Map.of("model", NUL)), "model", "NUL");
        refused(Api.get(world.acmeViewer, "/v1/sessions", Map.of("label", "team:" + NUL)), "label", "NUL");
        refused(Api.get(world.acmeViewer, "/v1/series", Map.of("agent", "a" + NUL)), "agent", "NUL");
    }

    @Test
    void shouldRefuseANulInAnExportWithAStatusNotACutShortStream() {
        refused(Api.get(world.acmeViewer, "/v1/export/turns", Map.of("model", NUL)), "model", "NUL");
    }

    @Test
    void shouldRefuseANulInAPathSegmentNamingIt() {
        refused(given().header("Authorization", "Bearer " + world.acmeViewer)
                .when().get("/v1/sessions/{id}", "s" + NUL), "session_id", "NUL");
        refused(given().header("Authorization", "Bearer " + world.acmeDeveloper)
                .when().get("/v1/recordings/{id}", NUL), "recording_id", "NUL");
    }

    @Test
    void shouldRefuseANulInARepeatedParameter() {
        refused(given().header("Authorization", "Bearer " + world.acmeDeveloper)
                .queryParam("session", "acme-s1").queryParam("session", NUL)
                .when().get("/v1/compare/sessions"), "session", "NUL");
    }

    private static void refused(Response answer, String parameter, String reason) {
        answer.then().statusCode(400)
                .header("Retry-After", nullValue())
                .body("error", equalTo("invalid_parameter"))
                .body("errors[0].parameter", equalTo(parameter))
                .body("errors[0].reason", containsString(reason));
    }
}
