package io.agentmeter.query.it;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.Map;

/** Small helpers to call the API under test and read its JSON exactly (decimals as BigDecimal). */
public final class Api {

    private Api() {
    }

    public static Response get(String key, String path, Map<String, ?> query) {
        var request = given();
        if (key != null) {
            request = request.header("Authorization", "Bearer " + key);
        }
        return request.queryParams(query).when().get(path);
    }

    /** GET that must answer 200; the body as a tree. */
    public static JsonNode ok(String key, String path, Map<String, ?> query) {
        Response response = get(key, path, query);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " " + query + " answered " + response.statusCode() + ": "
                    + response.asString());
        }
        return json(response.asString());
    }

    public static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** A JSON number or null, exactly. */
    public static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    public static Long longOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.longValue();
    }
}
