package io.agentmeter.query.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.query.it.QueryTestResource;
import io.agentmeter.query.it.TestWorld;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /q/metrics} after real requests: request counts and latency buckets per route template (never a raw
 * id), the error answers by status and code, the database error series, the live streams gauge, the parts' states,
 * the connection pool.
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class QueryMetricsIT {

    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");

    private final TestWorld world = QueryTestResource.world();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldCountRequestsPerRouteTemplateWithLatencyBuckets() {
        String sessionA = world.acme.get(0).turn().sessionId();
        String sessionB = world.acme.get(world.acme.size() - 1).turn().sessionId();
        for (String session : List.of(sessionA, sessionB, "no-such-session-4711")) {
            given().header("Authorization", "Bearer " + world.acmeViewer).when().get("/v1/sessions/" + session);
        }
        given().when().get("/v1/sessions/" + sessionA).then().statusCode(401);
        given().header("Authorization", "Bearer " + world.acmeViewer).queryParam("from", "yesterday")
                .when().get("/v1/summary").then().statusCode(400);
        given().when().get("/v1/no/such/route/4711").then().statusCode(404);
        given().when().get("/dashboard/js/main.js").then().statusCode(200);
        // Refused before their route matched: a NUL in the id, a method the route lacks, an Accept it does not serve.
        given().urlEncodingEnabled(false).header("Authorization", "Bearer " + world.acmeViewer)
                .when().get("/v1/sessions/a%00b4711").then().statusCode(400);
        given().header("Authorization", "Bearer " + world.acmeViewer).when().put("/v1/sessions/put4711")
                .then().statusCode(405);
        given().header("Authorization", "Bearer " + world.acmeViewer).accept("application/xml")
                .when().get("/v1/recordings/xml4711").then().statusCode(406);
        // A bad format (refused before matching, answered after it) on routes with and without ids, and on no route.
        given().urlEncodingEnabled(false).header("Authorization", "Bearer " + world.acmeViewer)
                .when().get("/v1/sessions/Europe%2F4711/activity?format=xml").then().statusCode(400);
        given().header("Authorization", "Bearer " + world.acmeViewer)
                .when().get("/v1/summary?format=xml").then().statusCode(400);
        given().header("Authorization", "Bearer " + world.acmeViewer)
                .when().get("/v1/no/route/4711?format=xml").then().statusCode(404);

        String metrics = metrics();
        write(metrics);

        assertThat(URI_LABEL.matcher(metrics).results().map(m -> m.group(1)).distinct().toList())
                .as("uri labels: templates, never raw ids or paths")
                .contains("/v1/sessions/{session_id}", "/v1/summary", "/dashboard/*")
                .noneMatch(uri -> uri.contains(sessionA) || uri.contains(sessionB) || uri.contains("4711"));
        assertThat(sample(metrics, "http_server_requests_seconds_count", "method=\"GET\"", "status=\"200\"",
                "uri=\"/v1/sessions/{session_id}\"")).isGreaterThanOrEqualTo(2.0);
        assertThat(sample(metrics, "http_server_requests_seconds_count", "method=\"GET\"", "status=\"401\"",
                "uri=\"/v1/sessions/{session_id}\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "http_server_requests_seconds_count", "method=\"GET\"", "status=\"400\"",
                "uri=\"/v1/sessions/{session_id}\"")).as("a refused id counts under its route")
                .isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "http_server_requests_seconds_count", "method=\"PUT\"", "status=\"405\"",
                "uri=\"/v1/sessions/{session_id}\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "http_server_requests_seconds_count", "method=\"GET\"", "status=\"400\"",
                "uri=\"/v1/sessions/{session_id}/activity\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "http_server_requests_seconds_count", "method=\"GET\"", "status=\"400\"",
                "uri=\"/v1/summary\"")).as("a fixed route's 4xx under its own path").isGreaterThanOrEqualTo(2.0);
        assertThat(sample(metrics, "http_server_requests_seconds_bucket", "le=\"0.25\"", "method=\"GET\"",
                "status=\"200\"", "uri=\"/v1/sessions/{session_id}\"")).as("latency buckets").isNotNull();
        assertThat(sample(metrics, "http_server_requests_seconds_bucket", "le=\"+Inf\"", "method=\"GET\"",
                "status=\"200\"", "uri=\"/v1/sessions/{session_id}\"")).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void shouldCountErrorAnswersByStatusAndCode() {
        given().when().get("/v1/summary").then().statusCode(401);
        given().header("Authorization", "Bearer " + world.acmeIngest).when().get("/v1/summary").then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + world.acmeViewer).queryParam("tz", "Mars/Olympus")
                .when().get("/v1/summary").then().statusCode(400);

        String metrics = metrics();

        assertThat(sample(metrics, "agentmeter_query_requests_rejected_total", "error=\"unauthorized\"",
                "status=\"401\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "agentmeter_query_requests_rejected_total", "error=\"forbidden\"",
                "status=\"403\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "agentmeter_query_requests_rejected_total", "error=\"invalid_parameter\"",
                "status=\"400\"")).isGreaterThanOrEqualTo(1.0);
        for (String source : List.of("request", "export", "live")) {
            for (String error : List.of("database_unavailable", "query_timeout")) {
                assertThat(sample(metrics, "agentmeter_query_database_errors_total", "error=\"" + error + "\"",
                        "source=\"" + source + "\"")).as(source + " " + error + ", there from the start").isZero();
            }
        }
    }

    @Test
    void shouldShowOpenLiveStreams() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "v1/live"))
                .header("Authorization", "Bearer " + world.acmeViewer).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> stream = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(sample(metrics(), "agentmeter_query_live_streams")).isGreaterThanOrEqualTo(1.0);
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (sample(metrics(), "agentmeter_query_live_streams") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(sample(metrics(), "agentmeter_query_live_streams")).as("the closed stream is gone").isZero();
        assertThat(sample(metrics(), "agentmeter_query_live_streams_overflowed_total")).isZero();
    }

    @Test
    void shouldShowEachPartsStateAndThePool() {
        String metrics = metrics();
        assertThat(sample(metrics, "agentmeter_query_part_up", "part=\"query_api\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "agentmeter_query_part_up", "part=\"postgresql\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "agentmeter_query_part_up", "part=\"aggregator\"")).as("nothing listens there")
                .isEqualTo(0.0);
        assertThat(metrics).contains("agroal_active_count", "jvm_memory_used_bytes");
    }

    /** A sample of the whole text, to read (target/q-metrics.txt). */
    private static void write(String metrics) {
        try {
            Files.writeString(Path.of("target", "q-metrics.txt"), metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The value of the one sample of {@code name} whose labels include every one of {@code labels} (each
     * {@code key="value"}); null when there is none.
     */
    private static Double sample(String metrics, String name, String... labels) {
        Double found = null;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String labelText = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
            boolean all = true;
            for (String label : labels) {
                all &= labelText.contains(label);
            }
            if (all) {
                assertThat(found).as("one sample of " + name + " with " + List.of(labels)).isNull();
                found = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return found;
    }
}
