package io.agentmeter.cli.up;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** The ingest gateway's admin API ({@code /admin/tenants}, {@code /admin/keys}), as {@code up} needs it. */
final class AdminClient {

    /** A key as created: the clear key (shown this once) and its id. */
    record CreatedKey(String key, String keyId) {
    }

    private final URI gateway;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    AdminClient(URI gateway, String secret) {
        this.gateway = gateway;
        this.secret = secret;
    }

    /** Creates the tenant; a tenant that exists already is fine. Returns true when it was created now. */
    boolean ensureTenant(String tenantId, String name) {
        ObjectNode body = Json.mapper().createObjectNode().put("tenant_id", tenantId).put("name", name);
        HttpResponse<String> answer = send(post("/admin/tenants", body));
        if (answer.statusCode() == 201) {
            return true;
        }
        if (answer.statusCode() == 409) {
            return false;
        }
        throw failure("POST /admin/tenants", answer);
    }

    /** The ids of the tenant's keys that are not revoked. */
    Set<String> liveKeyIds(String tenantId) {
        HttpResponse<String> answer = send(request("/admin/keys?tenant_id="
                + URLEncoder.encode(tenantId, StandardCharsets.UTF_8)).GET().build());
        if (answer.statusCode() != 200) {
            throw failure("GET /admin/keys", answer);
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode key : parse(answer).path("keys")) {
            if (key.path("revoked_at").isMissingNode() || key.path("revoked_at").isNull()) {
                ids.add(key.path("key_id").asText());
            }
        }
        return ids;
    }

    /** Creates an ingest key ({@code role} null) or a query key with the role. */
    CreatedKey createKey(String tenantId, String name, String kind, String role) {
        ObjectNode body = Json.mapper().createObjectNode().put("tenant_id", tenantId).put("name", name)
                .put("kind", kind);
        if (role != null) {
            body.put("role", role);
        }
        HttpResponse<String> answer = send(post("/admin/keys", body));
        if (answer.statusCode() != 201) {
            throw failure("POST /admin/keys", answer);
        }
        JsonNode created = parse(answer);
        return new CreatedKey(created.path("key").asText(), created.path("key_id").asText());
    }

    private HttpRequest post(String path, JsonNode body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + secret)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StartupException("the gateway's admin API did not answer " + request.method() + " "
                    + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while calling the gateway's admin API");
        }
    }

    private static JsonNode parse(HttpResponse<String> answer) {
        try {
            return Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new StartupException("the gateway's admin API answered " + answer.uri() + " with something that is"
                    + " not JSON: " + answer.body());
        }
    }

    private static StartupException failure(String call, HttpResponse<String> answer) {
        return new StartupException("the gateway's admin API refused " + call + ": HTTP " + answer.statusCode()
                + " " + answer.body());
    }
}
