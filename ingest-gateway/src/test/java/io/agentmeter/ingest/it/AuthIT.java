package io.agentmeter.ingest.it;

import static io.agentmeter.ingest.it.Gateway.event;
import static io.agentmeter.ingest.it.Gateway.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agentmeter.schema.auth.ApiKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys: 401 for missing, unknown and revoked keys; the admin API that creates, lists and revokes them. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AuthIT {

    private static ValidatableResponse sendOne(String authorization) {
        var request = given().contentType("application/json").body(json(event("a-1", "s")));
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().post("/v1/turns").then();
    }

    @Test
    void shouldAnswer401WithAJsonErrorWithoutAKey() {
        sendOne(null).statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(ContentType.JSON)
                .body("error", equalTo("unauthorized"))
                .body("errors[0].path", equalTo("Authorization"))
                .body("errors[0].reason", startsWith("is missing"));
    }

    @Test
    void shouldAnswer401ForAMalformedOrUnknownKey() {
        sendOne("Basic dXNlcjpwYXNz").statusCode(401).body("errors[0].reason", startsWith("must be Bearer"));
        sendOne("Bearer ").statusCode(401).body("error", equalTo("unauthorized"));
        sendOne("Bearer am_ingest_thisKeyWasNeverIssued").statusCode(401)
                .body("errors[0].reason", equalTo("is not a valid API key (unknown or revoked)"));
    }

    @Test
    void shouldAnswer401AtOnceForAKeyRevokedThroughTheAdminApi() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        sendOne("Bearer " + key).statusCode(200);
        String keyId = keyIdOf(key);

        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET)
                .when().delete("/admin/keys/" + keyId)
                .then().statusCode(200)
                .body("key_id", equalTo(keyId))
                .body("revoked_at", notNullValue());

        sendOne("Bearer " + key).statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void shouldStopAcceptingAKeyRevokedElsewhereWithinTheCacheTtl() throws Exception {
        String key = Gateway.newKey(Gateway.newTenant());
        sendOne("Bearer " + key).statusCode(200);
        // As another gateway instance would: straight in the table, so this instance's cache does not know.
        try (Connection connection = GatewayTestResource.postgres().dataSource("agentmeter").getConnection();
             PreparedStatement revoke = connection.prepareStatement(
                     "UPDATE api_keys SET revoked_at = now() WHERE key_hash = ?")) {
            revoke.setString(1, ApiKeys.sha256Hex(key));
            assertThat(revoke.executeUpdate()).isEqualTo(1);
        }
        long revokedAt = System.nanoTime();
        long lastAcceptedStart = revokedAt;
        int status = 200;
        while (status == 200 && System.nanoTime() - revokedAt < 10_000_000_000L) {
            long started = System.nanoTime();
            status = sendOne("Bearer " + key).extract().statusCode();
            if (status == 200) {
                lastAcceptedStart = started;
            }
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo(401);
        // No request that started more than the TTL after the revocation was let through.
        assertThat((lastAcceptedStart - revokedAt) / 1_000_000).isLessThanOrEqualTo(GatewayTestResource.CACHE_TTL_MS);
    }

    @Test
    void shouldAnswer403ForAQueryKeyOnTheIngestApi() {
        String tenant = Gateway.newTenant();
        String queryKey = given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "name", "dashboard", "kind", "query", "role", "viewer"))
                .when().post("/admin/keys")
                .then().statusCode(201)
                .body("kind", equalTo("query"))
                .body("role", equalTo("viewer"))
                .body("key", startsWith("am_query_"))
                .extract().path("key");
        sendOne("Bearer " + queryKey).statusCode(403).body("error", equalTo("forbidden"));
    }

    @Test
    void shouldStoreOnlyTheHashAndShowTheClearKeyOnce() throws Exception {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        try (Connection connection = GatewayTestResource.postgres().dataSource("agentmeter").getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT key_hash, key_prefix FROM api_keys WHERE tenant_id = ?")) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("key_hash")).isEqualTo(ApiKeys.sha256Hex(key)).isNotEqualTo(key);
                assertThat(key).startsWith(rows.getString("key_prefix"));
            }
        }
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).queryParam("tenant_id", tenant)
                .when().get("/admin/keys")
                .then().statusCode(200)
                .body("keys.size()", equalTo(1))
                .body("keys[0].key", nullValue())
                .body("keys[0].key_hash", nullValue())
                .body("keys[0].tenant_id", equalTo(tenant));
    }

    @Test
    void shouldGuardTheAdminApiWithTheAdminSecret() {
        given().when().get("/admin/keys").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth().oauth2("wrong-secret-wrong-secret").when().get("/admin/tenants").then().statusCode(401);
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).when().get("/admin/tenants").then().statusCode(200);
        // An ingest key is not an admin secret.
        String key = Gateway.newKey(Gateway.newTenant());
        given().auth().oauth2(key).when().get("/admin/keys").then().statusCode(401);
    }

    @Test
    void shouldNameEveryBadFieldOfAKeyRequest() {
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("kind", "superuser", "role", 7))
                .when().post("/admin/keys")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("errors.path", equalTo(List.of("$.tenant_id", "$.name", "$.kind", "$.role")));
        String tenant = Gateway.newTenant();
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "name", "q", "kind", "query"))
                .when().post("/admin/keys")
                .then().statusCode(400).body("errors.path", equalTo(List.of("$.role")));
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "name", "i", "role", "admin"))
                .when().post("/admin/keys")
                .then().statusCode(400).body("errors.path", equalTo(List.of("$.role")));
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", "no-such-tenant", "name", "k"))
                .when().post("/admin/keys")
                .then().statusCode(404).body("error", equalTo("unknown_tenant"));
    }

    @Test
    void shouldCreateTenantsOnceWithValidIds() {
        String tenant = Gateway.newTenant();
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "name", "again"))
                .when().post("/admin/tenants")
                .then().statusCode(409).body("error", equalTo("conflict"));
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", "has:colon", "name", "x"))
                .when().post("/admin/tenants")
                .then().statusCode(400).body("errors[0].path", equalTo("$.tenant_id"));
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET)
                .when().get("/admin/tenants")
                .then().statusCode(200).body("tenants.tenant_id", hasItem(tenant))
                .body("tenants.tenant_id", not(hasItem("has:colon")));
    }

    @Test
    void shouldAnswer404ForRevokingAnUnknownKey() {
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET)
                .when().delete("/admin/keys/key_doesnotexist")
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    private static String keyIdOf(String key) {
        List<Map<String, Object>> keys = given().auth().oauth2(GatewayTestResource.ADMIN_SECRET)
                .when().get("/admin/keys")
                .then().statusCode(200)
                .extract().path("keys");
        return keys.stream()
                .filter(k -> key.startsWith((String) k.get("key_prefix")))
                .map(k -> (String) k.get("key_id"))
                .findFirst().orElseThrow();
    }
}
