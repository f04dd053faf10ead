package io.agentmeter.ingest.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * Text PostgreSQL cannot store (a NUL, an unpaired surrogate) in a query parameter, a path segment or a request
 * field is a 400 naming it, never a database error answered 503 with Retry-After (issue 18, defects 2 and 5).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class StorableInputIT {

    private static final String NUL = "\u0000";

    @Test
    void shouldRefuseANulInAQueryParameterNamingIt() {
        String key = Gateway.newKey(Gateway.newTenant());
        refused(given().auth().oauth2(key).queryParam("user_id", "u" + NUL).when().get("/v1/recordings/active"),
                "user_id", "NUL");
        refused(given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).queryParam("tenant_id", NUL)
                .when().get("/admin/keys"), "tenant_id", "NUL");
    }

    @Test
    void shouldRefuseANulInAPathSegmentNamingIt() {
        String key = Gateway.newKey(Gateway.newTenant());
        refused(given().auth().oauth2(key).when().post("/v1/recordings/{id}/stop", "rec" + NUL),
                "recording_id", "NUL");
        refused(given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).when().delete("/admin/keys/{id}", NUL),
                "key_id", "NUL");
    }

    @Test
    void shouldRefuseANulInsideARecordingsConfigNamingTheField() {
        String key = Gateway.newKey(Gateway.newTenant());
        refused(given().auth().oauth2(key).contentType(ContentType.JSON)
                        .body("{\"name\":\"r\",\"user_id\":\"u\",\"config\":{\"preset\":\"a\\u0000b\"}}")
                        .when().post("/v1/recordings"),
                "$.config.preset", "NUL");
    }

    @Test
    void shouldRefuseALoneSurrogateInARecordingNameAsTurnEventsDo() {
        String key = Gateway.newKey(Gateway.newTenant());
        refused(given().auth().oauth2(key).contentType(ContentType.JSON)
                        .body("{\"name\":\"half \\ud83d\",\"user_id\":\"u\"}")
                        .when().post("/v1/recordings"),
                "$.name", "unpaired surrogate");
        // A whole surrogate pair (an emoji) is fine.
        given().auth().oauth2(key).contentType(ContentType.JSON)
                .body("{\"name\":\"whole \\ud83d\\ude00\",\"user_id\":\"u\"}")
                .when().post("/v1/recordings")
                .then().statusCode(201).body("recording.name", equalTo("whole \ud83d\ude00"));
    }

    private static void refused(io.restassured.response.Response answer, String path, String reason) {
        ValidatableResponse then = answer.then();
        then.statusCode(400)
                .header("Retry-After", nullValue())
                .body("errors[0].path", equalTo(path))
                .body("errors[0].reason", containsString(reason));
    }
}
