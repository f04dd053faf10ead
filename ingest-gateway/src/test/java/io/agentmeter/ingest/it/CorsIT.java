package io.agentmeter.ingest.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * CORS: the dashboard, served by the query API on another origin (by default http://localhost:8081), may start and
 * stop recordings from the browser; a page of any other origin may not.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class CorsIT {

    private static final String DASHBOARD = "http://localhost:8081";

    @Test
    void shouldAllowThePreflightOfTheDashboardsOrigin() {
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/v1/recordings").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(DASHBOARD))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"));
    }

    @Test
    void shouldRefuseThePreflightOfAnotherOrigin() {
        given().header("Origin", "http://evil.example:8081").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/v1/recordings").then().statusCode(not(equalTo(200)))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void shouldLetTheDashboardReadTheAnswerOfARealRequest() {
        // No key: the 401 itself must be readable by the dashboard's script, so it can say what went wrong.
        given().header("Origin", DASHBOARD).when().get("/v1/recordings/active?user_id=u").then().statusCode(401)
                .header("Access-Control-Allow-Origin", equalTo(DASHBOARD));
        given().header("Origin", "http://evil.example:8081").when().get("/v1/recordings/active?user_id=u").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
