package io.agentmeter.ingest.it;

import static io.agentmeter.localstack.fuzz.HttpFuzzer.Endpoint.delete;
import static io.agentmeter.localstack.fuzz.HttpFuzzer.Endpoint.get;
import static io.agentmeter.localstack.fuzz.HttpFuzzer.Endpoint.post;

import io.agentmeter.localstack.fuzz.HttpFuzzer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests to every endpoint of the gateway (issue 18): NUL, lone surrogates, invalid UTF-8, bad escapes, huge
 * numbers, deep nesting, wrong types, garbage gzip, oversized headers, with valid keys so they get past
 * authentication. No answer may be a 5xx or take longer than the bound, and every application error says what was
 * wrong. Seeded: a failure prints the seed and case to replay ({@code -Dfuzz.seed}, {@code -Dfuzz.case});
 * {@code -Dfuzz.cases} changes the count (5,000 here, 5,000 more in the query API's).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class GatewayFuzzIT {

    private static final List<String> EVENT_FIELDS = List.of("event_id", "occurred_at", "session_id", "model",
            "usage", "params", "labels", "tools", "tenant_id", "project", "recording_id", "prompt", "context",
            "started_at", "status", "duration_ms", "reported_cost_usd", "schema_version", "token_breakdown");
    private static final List<String> OTLP_FIELDS = List.of("resourceSpans", "scopeSpans", "spans", "attributes",
            "key", "value", "stringValue", "intValue", "traceId", "spanId", "startTimeUnixNano", "endTimeUnixNano");

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldAnswerEveryHostileRequestWithoutA5xxAHangOrAnUnnamedError() {
        String key = Gateway.newKey(Gateway.newTenant());
        String admin = GatewayTestResource.ADMIN_SECRET;
        List<HttpFuzzer.Endpoint> endpoints = List.of(
                post("/v1/turns", EVENT_FIELDS.toArray(String[]::new)),
                new HttpFuzzer.Endpoint("POST", "/v1/traces", List.of(), OTLP_FIELDS, true),
                post("/v1/recordings", "name", "user_id", "config", "recording_id"),
                new HttpFuzzer.Endpoint("POST", "/v1/recordings/{recording_id}/stop", List.of(), null, false),
                get("/v1/recordings/active", "user_id"),
                post("/admin/tenants", "tenant_id", "name"),
                get("/admin/tenants"),
                post("/admin/keys", "tenant_id", "name", "kind", "project", "role"),
                get("/admin/keys", "tenant_id"),
                delete("/admin/keys/{key_id}"),
                get("/q/health/live"),
                get("/q/health/ready"),
                get("/q/openapi", "format"));
        HttpFuzzer fuzzer = new HttpFuzzer(base.getHost(), base.getPort(), endpoints, Arrays.asList(
                "Bearer " + key, "Bearer " + key, "Bearer " + key, "Bearer " + admin, "Bearer " + admin,
                "Bearer am_ingest_unknown", "Basic dXNlcjpwYXNz", null));

        System.out.println(fuzzer.run(HttpFuzzer.seed(), HttpFuzzer.cases(5_000)));
    }
}
