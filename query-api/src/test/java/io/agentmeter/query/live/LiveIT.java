package io.agentmeter.query.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.it.QueryTestResource;
import io.agentmeter.schema.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live stream on the real PostgreSQL, with turns written by the aggregator's own sink while streams are open.
 * Each test has tenants of its own, so streams of other tests never see its turns.
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class LiveIT {

    /** Well beyond the poll interval (1 s): a turn that is coming arrives within it. */
    private static final Duration ARRIVES = Duration.ofSeconds(15);
    /** After the last expected turn, how long a duplicate or a stray turn would have had to show up. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static int tenants;

    @TestHTTPResource("/v1/live")
    URI live;

    @jakarta.inject.Inject
    LiveHub hub;

    private LiveTenant acme;
    private LiveTenant globex;

    @BeforeEach
    void tenants() throws Exception {
        int n = ++tenants;
        acme = LiveTenant.create("live-acme-" + n, QueryTestResource.dataSource());
        globex = LiveTenant.create("live-globex-" + n, QueryTestResource.dataSource());
    }

    @Test
    void shouldSendATurnStoredAfterSubscribingOnceWithTheSessionEndpointsFields() throws Exception {
        try (SseStream stream = joined(acme.developerKey, null)) {
            List<String> written = acme.writeTurns("s-once", 3);
            List<SseStream.Event> turns = stream.turns(ARRIVES, QUIET);
            assertThat(turns).extracting(e -> eventId(e)).containsExactlyElementsOf(written);
            assertThat(turns).extracting(SseStream.Event::id).doesNotHaveDuplicates()
                    .allMatch(id -> id.matches("\\d+-\\d+"));

            // The same fields and values as the turn in GET /v1/sessions/{id} (with include, for a developer key).
            String body = given().header("Authorization", "Bearer " + acme.developerKey)
                    .queryParam("include", "prompt_text,params").when().get("/v1/sessions/s-once").then()
                    .statusCode(200).extract().asString();
            JsonNode sessionTurns = Json.mapper().readTree(body).get("turns");
            for (int i = 0; i < turns.size(); i++) {
                assertThat(Json.mapper().readTree(turns.get(i).data())).isEqualTo(sessionTurns.get(i));
            }
        }
    }

    @Test
    void shouldNeverSendOneTenantsTurnsToAnother() throws Exception {
        try (SseStream other = joined(globex.developerKey, null);
             SseStream own = joined(acme.developerKey, null)) {
            List<String> written = acme.writeTurns("s-tenancy", 2);
            assertThat(own.turns(ARRIVES, QUIET)).extracting(e -> eventId(e)).containsExactlyElementsOf(written);
            assertThat(other.next(SseStream::isTurn, QUIET)).as("a turn on the other tenant's stream").isNull();
        }
    }

    @Test
    void shouldLeavePromptTextAndParamsOutForAViewerKey() throws Exception {
        try (SseStream viewer = joined(acme.viewerKey, null);
             SseStream developer = joined(acme.developerKey, null)) {
            acme.writeTurns("s-roles", 2);
            List<SseStream.Event> seen = viewer.turns(ARRIVES, QUIET);
            assertThat(seen).hasSize(2);
            for (SseStream.Event e : seen) {
                JsonNode turn = Json.mapper().readTree(e.data());
                assertThat(turn.has("prompt_text")).isFalse();
                assertThat(turn.has("params")).isFalse();
                assertThat(turn.get("prompt_hash").asText()).startsWith("h");
                assertThat(e.data()).doesNotContain("secret prompt");
            }
            List<SseStream.Event> full = developer.turns(ARRIVES, QUIET);
            assertThat(full).hasSize(2).allSatisfy(e -> {
                JsonNode turn = Json.mapper().readTree(e.data());
                assertThat(turn.get("prompt_text").asText()).startsWith("the secret prompt of ");
                assertThat(turn.get("params").get("temperature").asDouble()).isEqualTo(0.2);
            });
        }
    }

    @Test
    void shouldRefuseAStreamWithoutAValidQueryKey() throws Exception {
        given().when().get("/v1/live").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("errors[0].parameter", equalTo("Authorization"));
        try (SseStream stream = SseStream.open(live, "am_query_unknown", null)) {
            assertThat(stream.status()).isEqualTo(401);
        }
    }

    @Test
    void shouldResumeAfterLastEventIdWithoutLossOrDuplicates() throws Exception {
        List<String> before;
        String lastId;
        try (SseStream stream = joined(acme.developerKey, null)) {
            before = acme.writeTurns("s-resume", 3);
            List<SseStream.Event> turns = stream.turns(ARRIVES, QUIET);
            assertThat(turns).extracting(e -> eventId(e)).containsExactlyElementsOf(before);
            lastId = turns.get(turns.size() - 1).id();
        }
        // Stored while no stream was open.
        List<String> missed = acme.writeTurns("s-resume", 4);
        try (SseStream resumed = SseStream.open(live, acme.developerKey, lastId)) {
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(resumed.turns(ARRIVES, QUIET)).extracting(e -> eventId(e)).containsExactlyElementsOf(missed);
            List<String> after = acme.writeTurns("s-resume", 2);
            assertThat(resumed.turns(ARRIVES, QUIET)).extracting(e -> eventId(e)).containsExactlyElementsOf(after);
        }
    }

    @Test
    void shouldCatchUpOnMoreThanOneBatchOverSeveralConnections() throws Exception {
        String lastId;
        try (SseStream stream = joined(acme.developerKey, null)) {
            acme.writeTurns("s-burst", 1);
            lastId = stream.turns(ARRIVES, QUIET).get(0).id();
        }
        // More than one batch (agentmeter.live.batch-turns, 200) stored while away.
        List<String> missed = acme.writeTurns("s-burst", 450);
        Map<String, Integer> received = new HashMap<>();
        int connections = 0;
        while (received.size() < missed.size() && connections < 10) {
            connections++;
            try (SseStream resumed = SseStream.open(live, acme.developerKey, lastId)) {
                List<SseStream.Event> turns = resumed.turns(ARRIVES, Duration.ofSeconds(2));
                for (SseStream.Event e : turns) {
                    received.merge(eventId(e), 1, Integer::sum);
                    lastId = e.id();
                }
            }
        }
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(missed);
        assertThat(received.values()).allMatch(count -> count == 1);
        assertThat(connections).isGreaterThan(1);
    }

    @Test
    void shouldRefuseALastEventIdItDidNotGiveOut() {
        given().header("Authorization", "Bearer " + acme.developerKey).header("Last-Event-ID", "yesterday")
                .when().get("/v1/live").then().statusCode(400).body("error", equalTo("invalid_parameter"))
                .body("errors[0].parameter", equalTo("Last-Event-ID"));
    }

    @Test
    void shouldSendTheActiveSessionsWithTheirRunningTotals() throws Exception {
        try (SseStream stream = joined(acme.viewerKey, null)) {
            acme.writeTurns("s-active", 2);
            SseStream.Event sessions = stream.next(e -> "sessions".equals(e.name())
                    && e.data().contains("\"s-active\""), ARRIVES);
            assertThat(sessions).as("a sessions event holding the new session").isNotNull();
            JsonNode active = Json.mapper().readTree(sessions.data());
            assertThat(active.get("active_window_seconds").asLong()).isEqualTo(300);
            JsonNode session = active.get("sessions").get(0);
            assertThat(session.get("session_id").asText()).isEqualTo("s-active");
            assertThat(session.get("figures").get("turns").asLong()).isEqualTo(2);
            assertThat(session.get("figures").get("input_tokens").asLong()).isEqualTo(1_000 + 1_001);
        }
    }

    @Test
    void shouldForgetAStreamWhoseClientLeftAndBoundTheStreamsOfATenant() throws Exception {
        List<SseStream> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                open.add(joined(acme.viewerKey, null));
            }
            assertThat(hub.streams(acme.tenant)).isEqualTo(20);
            given().header("Authorization", "Bearer " + acme.viewerKey).when().get("/v1/live").then().statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("error", equalTo("too_many_streams"));
            assertThat(hub.streams(globex.tenant)).as("another tenant's streams are its own").isZero();

            // A client that goes away frees its place (the HTTP layer cancels its stream; the next poll drops it).
            open.remove(0).close();
            long deadline = System.nanoTime() + ARRIVES.toNanos();
            while (hub.streams(acme.tenant) > 19 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(hub.streams(acme.tenant)).isEqualTo(19);
            open.add(joined(acme.viewerKey, null));
        } finally {
            open.forEach(SseStream::close);
        }
    }

    @Test
    void shouldListTheLiveStreamInTheCapabilities() {
        given().when().get("/v1/capabilities").then().statusCode(200)
                .body("endpoints", hasItem("/v1/live"))
                .body("live.path", equalTo("/v1/live"))
                .body("live.events", equalTo(List.of("turn", "sessions")))
                .body("live.resume_header", equalTo("Last-Event-ID"));
    }

    /** A stream of {@code key} that has joined its tenant's feed (its first sessions event arrived). */
    private SseStream joined(String key, String lastEventId) throws Exception {
        SseStream stream = SseStream.open(live, key, lastEventId);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(stream.next(e -> "sessions".equals(e.name()), ARRIVES)).as("the first sessions event").isNotNull();
        return stream;
    }

    private static String eventId(SseStream.Event e) {
        try {
            return Json.mapper().readTree(e.data()).get("event_id").asText();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
