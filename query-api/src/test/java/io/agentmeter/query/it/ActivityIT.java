package io.agentmeter.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.activity.ActivityService;
import io.agentmeter.query.params.Cursor;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.schema.activity.ActivityStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session activity, read side (issue 19), on the real PostgreSQL of the query tests: activity rows written by the
 * writer's own {@code ActivityRowWriter} beside the turns the pipeline wrote. The transcript's order is checked
 * against a plain SQL UNION of both tables, the session list against a computation in Java over the written events.
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class ActivityIT {

    private static final String ACME = TestWorld.ACME;
    private static final String GLOBEX = TestWorld.GLOBEX;
    /** acme sessions with turns that get activity interleaved. */
    private static final int WITH_TURNS = 12;
    private static final String RUN_A = "acme-run-a";
    private static final String RUN_B = "acme-run-b";
    private static final String PAGED = "acme-s1";
    /** A session id acme has turns in; globex writes activity under the same id. */
    private static final String SHARED_ID = "acme-s0";
    private static final String LONG_PAYLOAD = "line, with \"quotes\"\n".repeat(300);

    private static final List<ActivityEvent> written = new ArrayList<>();
    private static boolean seeded;

    private final TestWorld world = QueryTestResource.world();

    @BeforeAll
    static void seed() throws SQLException {
        if (seeded) {
            return;
        }
        seeded = true;
        TestWorld world = QueryTestResource.world();
        Random random = new Random(19);
        List<ActivityEvent> events = new ArrayList<>();
        String[] tools = {"bash", "read_file", "edit"};
        String[] agents = {"coder", "reviewer", null};
        for (int s = 0; s < WITH_TURNS; s++) {
            String session = ACME + "-s" + s;
            List<Instant> times = world.acme.stream().filter(g -> g.turn().sessionId().equals(session))
                    .map(g -> g.turn().occurredAt()).sorted().toList();
            int n = 0;
            for (Instant at : times) {
                if (random.nextInt(4) > 0) {
                    events.add(builder(session + "-act-" + n++, at.minusMillis(1_000L + random.nextInt(20_000)),
                            session, ActivityKind.TOOL_CALL, tools[random.nextInt(tools.length)],
                            random.nextInt(6) == 0 ? ActivityStatus.ERROR : ActivityStatus.OK,
                            random.nextInt(3) == 0 ? null : (long) random.nextInt(5_000), payload(random))
                            .agent(agents[random.nextInt(agents.length)]).project(random.nextBoolean() ? "alpha" : null)
                            .userId("user-" + random.nextInt(3)).build().withTenant(ACME));
                }
                if (random.nextInt(3) == 0) {
                    // At the turn's very time, with an id that sorts after the turn's: only the type orders them.
                    events.add(builder("zz-" + session + "-tie-" + n++, at, session, ActivityKind.REPLY, null,
                            ActivityStatus.OK, null, payload(random)).model("gpt-5").build().withTenant(ACME));
                }
                if (random.nextInt(5) == 0) {
                    Instant same = at.plusMillis(500);
                    events.add(builder(session + "-pair-" + n + "-b", same, session, ActivityKind.SYSTEM, "compact",
                            null, null, null).build().withTenant(ACME));
                    events.add(builder(session + "-pair-" + n++ + "-a", same, session, ActivityKind.ERROR,
                            "rate_limit", ActivityStatus.ERROR, null, "429 Too Many Requests").build()
                            .withTenant(ACME));
                }
            }
        }
        Instant runA = Instant.parse("2026-03-28T10:00:00Z");
        ActivityKind[] kinds = ActivityKind.values();
        for (int i = 0; i < 21; i++) {
            ActivityKind kind = kinds[i % kinds.length];
            events.add(builder(RUN_A + "-" + i, runA.plusSeconds(7L * i), RUN_A, kind, kind.wire() + "-" + i,
                    kind == ActivityKind.TOOL_DECISION ? ActivityStatus.REJECT : null,
                    i % 2 == 0 ? (long) i * 10 : null, i % 3 == 0 ? LONG_PAYLOAD : "p" + i)
                    .agent("planner").project("beta").userId("user-7").provider("anthropic").build().withTenant(ACME));
        }
        Instant runB = Instant.parse("2026-03-29T12:00:00Z");
        for (int i = 0; i < 5; i++) {
            events.add(builder(RUN_B + "-" + i, runB.plusSeconds(i), RUN_B, ActivityKind.TOOL_CALL, "bash",
                    ActivityStatus.OK, 5L, null).agent("reviewer").userId("user-9").model("o3").build()
                    .withTenant(ACME));
        }
        for (int i = 0; i < 4; i++) {
            events.add(builder("globex-shared-" + i, Instant.parse("2026-03-28T05:00:00Z").plusSeconds(i), SHARED_ID,
                    ActivityKind.ERROR, "globex-error", ActivityStatus.ERROR, null, "globex secret " + i).build()
                    .withTenant(GLOBEX));
            events.add(builder("globex-s0-" + i, Instant.parse("2026-03-28T06:00:00Z").plusSeconds(i), "globex-s0",
                    ActivityKind.USER_PROMPT, null, null, null, "globex prompt " + i).build().withTenant(GLOBEX));
        }
        assertThat(ActivityRows.write(QueryTestResource.dataSource(), events)).isEqualTo(events.size());
        written.addAll(events);
    }

    private static ActivityEvent.Builder builder(String id, Instant at, String session, ActivityKind kind, String name,
                                                 ActivityStatus status, Long duration, String payload) {
        return ActivityEvent.builder().eventId(id).occurredAt(at).sessionId(session).kind(kind).name(name)
                .status(status).durationMs(duration).payload(payload).source("test");
    }

    private static String payload(Random random) {
        int r = random.nextInt(6);
        return r < 2 ? null : r == 5 ? LONG_PAYLOAD : "{\"command\": \"ls -la\", \"n\": " + r + "}";
    }

    // ---- one session's transcript

    @Test
    void shouldInterleaveActivityWithTurnsInTheOrderOfASqlUnion() throws SQLException {
        for (int s = 0; s < WITH_TURNS; s++) {
            String session = ACME + "-s" + s;
            List<JsonNode> entries = transcript(world.acmeDeveloper, session, 7);
            assertThat(keys(entries)).as("transcript of " + session).isEqualTo(sqlOrder(ACME, session));
        }
        List<JsonNode> entries = transcript(world.acmeDeveloper, "acme-s3", 1000);
        assertThat(entries.stream().map(e -> e.get("type").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("turn", "activity");
        assertThat(entries.stream().anyMatch(e -> e.get("event_id").asText().startsWith("zz-"))).isTrue();
    }

    @Test
    void shouldShowEachTurnAsTheSessionPageDoesAndEachActivityAsWritten() {
        Map<String, ActivityEvent> byId = written.stream().filter(e -> e.tenantId().equals(ACME))
                .collect(Collectors.toMap(ActivityEvent::eventId, e -> e));
        for (String session : List.of("acme-s2", "acme-s5", RUN_A)) {
            Map<String, JsonNode> turns = new HashMap<>();
            if (!session.equals(RUN_A)) {
                Api.ok(world.acmeDeveloper, "/v1/sessions/" + session, Map.of("limit", "1000")).get("turns")
                        .forEach(t -> turns.put(t.get("event_id").asText(), t));
            }
            for (JsonNode e : transcript(world.acmeDeveloper, session, 1000)) {
                String id = e.get("event_id").asText();
                if (e.get("type").asText().equals("turn")) {
                    JsonNode t = turns.get(id);
                    assertThat(t).as("turn " + id).isNotNull();
                    for (String field : List.of("occurred_at", "status", "error_type", "duration_ms", "model",
                            "provider", "agent", "turn_index", "input_tokens", "output_tokens", "cache_read_tokens",
                            "reasoning_tokens", "context_used_tokens", "context_max_tokens", "tools", "cost_status",
                            "cost_usd")) {
                        assertThat(e.get(field)).as(field + " of turn " + id).isEqualTo(t.get(field));
                    }
                    assertThat(e.get("kind").isNull()).isTrue();
                    assertThat(e.get("payload").isNull()).isTrue();
                    assertThat(e.get("payload_withheld").asBoolean()).isFalse();
                } else {
                    ActivityEvent a = byId.get(id);
                    assertThat(Instant.parse(e.get("occurred_at").asText())).isEqualTo(a.occurredAt());
                    assertThat(e.get("kind").asText()).isEqualTo(a.kind().wire());
                    assertThat(text(e.get("name"))).isEqualTo(a.name());
                    assertThat(text(e.get("status"))).isEqualTo(a.status() == null ? null : a.status().wire());
                    assertThat(Api.longOrNull(e.get("duration_ms"))).as("missing is not zero")
                            .isEqualTo(a.durationMs());
                    assertThat(text(e.get("model"))).isEqualTo(a.model());
                    assertThat(text(e.get("agent"))).isEqualTo(a.agent());
                    assertThat(text(e.get("payload"))).isEqualTo(a.payload());
                    assertThat(e.get("payload_withheld").asBoolean()).isFalse();
                    for (String field : List.of("input_tokens", "cost_usd", "cost_status", "tools", "turn_index")) {
                        assertThat(e.get(field).isNull()).as(field + " of an activity entry").isTrue();
                    }
                }
            }
        }
    }

    @Test
    void shouldPageEveryEntryExactlyOnceWhileNewRowsArrive() throws SQLException {
        Set<List<String>> before = new HashSet<>(sqlOrder(ACME, PAGED));
        Instant first = world.acme.stream().filter(g -> g.turn().sessionId().equals(PAGED))
                .map(g -> g.turn().occurredAt()).min(Comparator.naturalOrder()).orElseThrow();
        List<List<String>> seen = new ArrayList<>();
        Set<List<String>> mustAppear = new HashSet<>();
        Set<List<String>> mustNot = new HashSet<>();
        Map<String, String> q = new HashMap<>(Map.of("limit", "4"));
        int page = 0;
        while (true) {
            JsonNode body = Api.ok(world.acmeViewer, "/v1/sessions/" + PAGED + "/activity", q);
            body.get("entries").forEach(e -> seen.add(key(e)));
            if (body.get("next_cursor").isNull()) {
                break;
            }
            JsonNode last = body.get("entries").get(body.get("entries").size() - 1);
            Instant at = Instant.parse(last.get("occurred_at").asText());
            page++;
            // Rows arriving while the client pages: later than the page (to come), earlier than the whole session
            // (already passed), and at the very time of the page's last entry (to come when after it in the order).
            String later = "new-later-" + page;
            String earlier = "new-earlier-" + page;
            String same = "new-same-" + page;
            ActivityRows.write(QueryTestResource.dataSource(), List.of(
                    builder(later, at.plus(Duration.ofDays(1)).plusSeconds(page), PAGED, ActivityKind.SYSTEM, null,
                            null, null, null).build().withTenant(ACME),
                    builder(earlier, first.minusSeconds(3600 + page), PAGED, ActivityKind.SYSTEM, null, null, null,
                            null).build().withTenant(ACME),
                    builder(same, at, PAGED, ActivityKind.SYSTEM, null, null, null, null).build().withTenant(ACME)));
            mustAppear.add(List.of("activity", later));
            mustNot.add(List.of("activity", earlier));
            (isAfter(at, "activity", same, at, last.get("type").asText(), last.get("event_id").asText())
                    ? mustAppear : mustNot).add(List.of("activity", same));
            q.put("cursor", body.get("next_cursor").asText());
        }
        assertThat(page).as("pages").isGreaterThan(3);
        assertThat(new HashSet<>(seen)).as("no entry twice").hasSize(seen.size());
        assertThat(seen).as("every entry stored before paging").containsAll(before);
        assertThat(seen).containsAll(mustAppear).doesNotContainAnyElementsOf(mustNot);
        List<List<String>> now = sqlOrder(ACME, PAGED);
        assertThat(seen).as("in the stored order").isEqualTo(now.stream().filter(seen::contains).toList());
    }

    @Test
    void shouldWithholdPayloadsFromViewersOnly() {
        for (String session : List.of(RUN_A, "acme-s4")) {
            List<JsonNode> asViewer = transcript(world.acmeViewer, session, 1000);
            List<JsonNode> asDeveloper = transcript(world.acmeDeveloper, session, 1000);
            List<JsonNode> asAdmin = transcript(world.acmeAdmin, session, 1000);
            assertThat(keys(asViewer)).isEqualTo(keys(asDeveloper)).isEqualTo(keys(asAdmin));
            int withheld = 0;
            for (int i = 0; i < asViewer.size(); i++) {
                JsonNode v = asViewer.get(i);
                JsonNode d = asDeveloper.get(i);
                assertThat(v.has("payload")).as("payload written as null, not left out").isTrue();
                assertThat(v.get("payload").isNull()).as("a viewer sees no payload").isTrue();
                assertThat(v.get("payload_withheld").asBoolean()).as("withheld exactly when there is one")
                        .isEqualTo(!d.get("payload").isNull());
                assertThat(d.get("payload_withheld").asBoolean()).isFalse();
                assertThat(asAdmin.get(i).get("payload")).isEqualTo(d.get("payload"));
                withheld += v.get("payload_withheld").asBoolean() ? 1 : 0;
            }
            assertThat(withheld).as("payloads withheld in " + session).isPositive();
        }
        List<List<String>> csv = parseCsv(Api.get(world.acmeViewer, "/v1/sessions/" + RUN_A + "/activity",
                Map.of("format", "csv", "limit", "1000")).asString());
        assertThat(csv.get(0).get(22)).isEqualTo("payload");
        assertThat(csv.stream().skip(1).map(r -> r.get(22)).toList()).as("no payload in a viewer's CSV")
                .hasSize(21).containsOnly("");
    }

    @Test
    void shouldAnswerCsvAndNdjsonWithTheSameEntries() {
        Map<String, String> q = Map.of("limit", "9");
        JsonNode json = Api.ok(world.acmeDeveloper, "/v1/sessions/" + RUN_A + "/activity", q);
        List<JsonNode> entries = new ArrayList<>();
        json.get("entries").forEach(entries::add);
        assertThat(entries).hasSize(9);

        Response ndjson = given().header("Authorization", "Bearer " + world.acmeDeveloper)
                .header("Accept", "application/x-ndjson").queryParams(q).when()
                .get("/v1/sessions/" + RUN_A + "/activity");
        ndjson.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson"))
                .header("Next-Cursor", equalTo(json.get("next_cursor").asText()));
        List<String> lines = ndjson.asString().lines().toList();
        assertThat(lines).hasSize(9);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(Api.json(lines.get(i))).isEqualTo(entries.get(i));
        }

        Response csv = Api.get(world.acmeDeveloper, "/v1/sessions/" + RUN_A + "/activity",
                Map.of("limit", "9", "format", "csv"));
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Next-Cursor", equalTo(json.get("next_cursor").asText()));
        List<List<String>> rows = parseCsv(csv.asString());
        List<String> header = rows.get(0);
        assertThat(header).containsExactly("type", "event_id", "occurred_at", "kind", "name", "status", "error_type",
                "duration_ms", "model", "provider", "agent", "source", "turn_index", "input_tokens", "output_tokens",
                "cache_read_tokens", "reasoning_tokens", "context_used_tokens", "context_max_tokens", "tools",
                "cost_status", "cost_usd", "payload", "payload_withheld");
        assertThat(rows).hasSize(10);
        for (int i = 0; i < 9; i++) {
            JsonNode e = entries.get(i);
            List<String> row = rows.get(i + 1);
            for (int c = 0; c < header.size(); c++) {
                JsonNode value = e.get(header.get(c));
                String expected = value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
                if (header.get(c).equals("occurred_at")) {
                    assertThat(Instant.parse(row.get(c))).isEqualTo(Instant.parse(expected));
                } else {
                    assertThat(row.get(c)).as(header.get(c) + " of row " + (i + 1) + " (empty = null)")
                            .isEqualTo(expected);
                }
            }
        }
        assertThat(rows.stream().skip(1).anyMatch(r -> r.get(22).equals(LONG_PAYLOAD)))
                .as("a long payload with commas, quotes and line breaks survives CSV").isTrue();
        assertThat(rows.stream().skip(1).anyMatch(r -> r.get(7).isEmpty())).as("an unknown duration is empty")
                .isTrue();
    }

    @Test
    void shouldAnswerTheSessionListAsNdjsonAndCsvWithTheSameItems() {
        Map<String, String> q = with(range(TestWorld.START, TestWorld.END), "limit", "2");
        JsonNode json = Api.ok(world.acmeViewer, "/v1/activity/sessions", q);
        assertThat(json.get("next_cursor").isNull()).as("a second page exists").isFalse();

        Response ndjson = given().header("Authorization", "Bearer " + world.acmeViewer)
                .header("Accept", "application/x-ndjson").queryParams(q).when().get("/v1/activity/sessions");
        ndjson.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson"))
                .header("Next-Cursor", equalTo(json.get("next_cursor").asText()));
        List<JsonNode> lines = ndjson.asString().lines().map(Api::json).toList();
        List<JsonNode> items = new ArrayList<>();
        json.get("items").forEach(items::add);
        assertThat(lines).as("one session per line, as in the JSON page").isEqualTo(items);

        Response csv = Api.get(world.acmeViewer, "/v1/activity/sessions", with(q, "format", "csv"));
        csv.then().statusCode(200).header("Next-Cursor", equalTo(json.get("next_cursor").asText()));
        List<List<String>> rows = parseCsv(csv.asString());
        assertThat(rows.stream().skip(1).map(r -> r.get(0)).toList()).as("CSV rows: the same sessions")
                .isEqualTo(items.stream().map(i -> i.get("session_id").asText()).toList());
    }

    @Test
    void shouldKeepEachTenantToItsOwnActivity() throws SQLException {
        List<JsonNode> globex = transcript(world.globexDeveloper, SHARED_ID, 100);
        assertThat(globex).hasSize(4).allSatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("activity");
            assertThat(e.get("event_id").asText()).startsWith("globex-shared-");
        });
        List<JsonNode> acme = transcript(world.acmeDeveloper, SHARED_ID, 1000);
        assertThat(acme).noneSatisfy(e -> assertThat(e.get("event_id").asText()).startsWith("globex"));
        assertThat(keys(acme)).isEqualTo(sqlOrder(ACME, SHARED_ID));
        Api.get(world.globexDeveloper, "/v1/sessions/" + RUN_A + "/activity", Map.of()).then().statusCode(404);

        List<JsonNode> listed = sessions(world.globexDeveloper, range(TestWorld.START, TestWorld.END), 100);
        assertThat(listed.stream().map(s -> s.get("session_id").asText()).toList())
                .containsExactly("globex-s0", SHARED_ID);
        JsonNode shared = listed.get(1);
        assertThat(shared.get("has_turns").asBoolean()).as("acme's turns under the same id are not globex's")
                .isFalse();
        assertThat(shared.get("error_entries").asLong()).isEqualTo(4);

        // A cursor of acme's is another query for globex.
        JsonNode page = Api.ok(world.acmeDeveloper, "/v1/sessions/" + SHARED_ID + "/activity", Map.of("limit", "2"));
        badCursor(world.globexDeveloper, "/v1/sessions/" + SHARED_ID + "/activity",
                Map.of("limit", "2", "cursor", page.get("next_cursor").asText()));
    }

    // ---- sessions with activity

    @Test
    void shouldListTheSessionsWithActivityAsTheEventsSayAcrossPages() {
        Instant from = Instant.parse("2026-03-27T12:00:00Z");
        Instant to = Instant.parse("2026-03-29T06:00:00Z");
        checkList(world.acmeViewer, range(from, to), from, to, e -> true);
        checkList(world.acmeViewer, range(TestWorld.START, TestWorld.END), TestWorld.START, TestWorld.END, e -> true);
    }

    @Test
    void shouldFilterTheSessionsByKindAgentUserProjectAndModel() {
        Instant from = TestWorld.START;
        Instant to = TestWorld.END;
        checkList(world.acmeViewer, with(range(from, to), "kind", "error"), from, to,
                e -> e.kind() == ActivityKind.ERROR);
        checkList(world.acmeViewer, with(range(from, to), "agent", "reviewer"), from, to,
                e -> "reviewer".equals(e.agent()));
        checkList(world.acmeViewer, with(range(from, to), "user_id", "user-9"), from, to,
                e -> "user-9".equals(e.userId()));
        checkList(world.acmeViewer, with(range(from, to), "project", "beta"), from, to,
                e -> "beta".equals(e.project()));
        checkList(world.acmeViewer, with(range(from, to), "model", "gpt-5"), from, to,
                e -> "gpt-5".equals(e.model()));
        Map<String, Object> both = new HashMap<>(range(from, to));
        both.put("kind", List.of("user_prompt", "tool_decision"));
        both.put("agent", "planner");
        checkList(world.acmeViewer, both, from, to, e -> (e.kind() == ActivityKind.USER_PROMPT
                || e.kind() == ActivityKind.TOOL_DECISION) && "planner".equals(e.agent()));
    }

    @Test
    void shouldRefuseBadInputNamingTheParameter() {
        String path = "/v1/sessions/" + RUN_A + "/activity";
        badCursor(world.acmeViewer, path, Map.of("cursor", "not-a-cursor"));
        badCursor(world.acmeViewer, path, Map.of("cursor", Cursor.encode(ActivityService.transcriptScope(ACME, RUN_A),
                List.of("yesterday", "turn", "x"))));
        badCursor(world.acmeViewer, path, Map.of("cursor", Cursor.encode(ActivityService.transcriptScope(ACME, RUN_A),
                List.of(Instant.EPOCH.toString(), "spaceship", "x"))));
        JsonNode other = Api.ok(world.acmeViewer, "/v1/sessions/acme-s2/activity", Map.of("limit", "1"));
        badCursor(world.acmeViewer, path, Map.of("cursor", other.get("next_cursor").asText()));
        JsonNode list = Api.ok(world.acmeViewer, "/v1/activity/sessions", with(range(TestWorld.START, TestWorld.END),
                "limit", "1"));
        badCursor(world.acmeViewer, "/v1/activity/sessions", with(range(TestWorld.START, TestWorld.END), "limit",
                "1", "kind", "error", "cursor", list.get("next_cursor").asText()));
        badCursor(world.acmeViewer, "/v1/activity/sessions", Map.of("cursor", "%%%"));

        bad(Api.get(world.acmeViewer, path, Map.of("limit", "0")), "limit", "between");
        bad(Api.get(world.acmeViewer, path, Map.of("format", "xml")), "format", "json, csv or ndjson");
        bad(given().header("Authorization", "Bearer " + world.acmeViewer).when()
                .get("/v1/sessions/{id}/activity", "run\u0000"), "session_id", "NUL");
        bad(Api.get(world.acmeViewer, "/v1/activity/sessions", Map.of("kind", "\u0000")), "kind", "NUL");
        bad(Api.get(world.acmeViewer, "/v1/activity/sessions", Map.of("kind", "tool")), "kind", "tool_call");
        bad(Api.get(world.acmeViewer, "/v1/activity/sessions", Map.of("label", "team:x")), "label", "no labels");
        bad(Api.get(world.acmeViewer, "/v1/activity/sessions", Map.of("from", "2026-03-28")), "from", "RFC 3339");
        Api.get(world.acmeViewer, "/v1/sessions/no-such-run/activity", Map.of()).then().statusCode(404)
                .body("error", equalTo("not_found"));
        Api.get(null, path, Map.of()).then().statusCode(401);
        Api.get(world.acmeIngest, "/v1/activity/sessions", Map.of()).then().statusCode(403);
        given().header("Authorization", "Bearer " + world.acmeViewer).header("Accept", "image/png").when()
                .get(path).then().statusCode(406);
    }

    @Test
    void shouldWriteTheDocumentedExamples() throws java.io.IOException {
        // The answers docs/query-api.md quotes, from this run (target/activity-examples.txt).
        StringBuilder out = new StringBuilder();
        for (String[] call : new String[][] {
                {world.acmeDeveloper, "/v1/activity/sessions", "from=2026-03-28T00:00:00Z&to=2026-03-30T00:00:00Z"
                        + "&agent=planner&limit=2", "application/json"},
                {world.acmeViewer, "/v1/activity/sessions", "from=2026-03-28T00:00:00Z&to=2026-03-30T00:00:00Z"
                        + "&limit=2&format=ndjson", "*/*"},
                {world.acmeDeveloper, "/v1/sessions/" + RUN_A + "/activity", "limit=3", "application/json"},
                {world.acmeViewer, "/v1/sessions/" + RUN_A + "/activity", "limit=3", "application/json"},
                {world.acmeDeveloper, "/v1/sessions/acme-s3/activity", "limit=3", "application/x-ndjson"},
                {world.acmeViewer, "/v1/sessions/" + RUN_A + "/activity", "limit=2&format=csv", "*/*"},
                {world.acmeViewer, "/v1/sessions/" + RUN_A + "/activity", "cursor=bm90LWEtY3Vyc29y",
                        "application/json"}}) {
            Response r = given().header("Authorization", "Bearer " + call[0]).header("Accept", call[3])
                    .when().get(call[1] + "?" + call[2]);
            out.append("GET ").append(call[1]).append('?').append(call[2]).append(" (Accept ").append(call[3])
                    .append(")\n").append(r.statusCode()).append(' ').append(r.contentType()).append(" Next-Cursor: ")
                    .append(r.header("Next-Cursor")).append("\n").append(r.asString()).append("\n\n");
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "activity-examples.txt"), out);
        assertThat(out).doesNotContain(" 500 ");
    }

    // ---- helpers

    private void checkList(String key, Map<String, ?> query, Instant from, Instant to, Predicate<ActivityEvent> match) {
        Map<String, List<ActivityEvent>> bySession = new TreeMap<>();
        for (ActivityEvent e : allAcmeEvents()) {
            if (!e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to)) {
                bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
            }
        }
        bySession.values().removeIf(events -> events.stream().noneMatch(match));
        List<Map.Entry<String, List<ActivityEvent>>> expected = bySession.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<ActivityEvent>> s) -> last(s.getValue()))
                        .reversed())
                .toList();
        List<JsonNode> items = sessions(key, query, 3);
        assertThat(items.stream().map(i -> i.get("session_id").asText()).toList()).as("sessions of " + query)
                .isEqualTo(expected.stream().map(Map.Entry::getKey).toList());
        Set<String> withTurns = world.acme.stream().map(g -> g.turn().sessionId()).collect(Collectors.toSet());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            List<ActivityEvent> events = expected.get(i).getValue();
            String id = expected.get(i).getKey();
            assertThat(Instant.parse(item.get("first_activity_at").asText())).isEqualTo(events.stream()
                    .map(ActivityEvent::occurredAt).min(Comparator.naturalOrder()).orElseThrow());
            assertThat(Instant.parse(item.get("last_activity_at").asText())).isEqualTo(last(events));
            assertThat(item.get("entries").asLong()).as("entries of " + id).isEqualTo(events.size());
            for (ActivityKind kind : ActivityKind.values()) {
                assertThat(item.get("kinds").get(kind.wire()).asLong()).as(kind + " of " + id)
                        .isEqualTo(events.stream().filter(e -> e.kind() == kind).count());
            }
            assertThat(item.get("error_entries").asLong()).isEqualTo(events.stream().filter(e ->
                    e.kind() == ActivityKind.ERROR || e.status() == ActivityStatus.ERROR).count());
            assertThat(item.get("has_turns").asBoolean()).as("has_turns of " + id).isEqualTo(withTurns.contains(id));
            assertThat(text(item.get("agent"))).isEqualTo(events.stream()
                    .filter(e -> e.agent() != null).max(Comparator.comparing(ActivityEvent::occurredAt))
                    .map(ActivityEvent::agent).orElse(null));
        }
    }

    /** Every acme event now stored (the paging test adds some while it runs). */
    private static List<ActivityEvent> allAcmeEvents() {
        List<ActivityEvent> out = new ArrayList<>();
        try (Connection c = QueryTestResource.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT event_id, occurred_at, session_id, kind, status, agent,"
                     + " user_id, project, model FROM activity WHERE tenant_id = ?")) {
            s.setString(1, ACME);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(ActivityEvent.builder().eventId(r.getString(1))
                            .occurredAt(r.getObject(2, java.time.OffsetDateTime.class).toInstant())
                            .sessionId(r.getString(3)).kind(ActivityKind.of(r.getString(4)))
                            .status(r.getString(5) == null ? null : ActivityStatus.of(r.getString(5)))
                            .agent(r.getString(6)).userId(r.getString(7)).project(r.getString(8))
                            .model(r.getString(9)).build());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // The stored rows are what was written: the seeded events must all be among them, unchanged.
        Map<String, ActivityEvent> stored = out.stream().collect(Collectors.toMap(ActivityEvent::eventId, e -> e));
        for (ActivityEvent e : written) {
            if (e.tenantId().equals(ACME)) {
                assertThat(stored.get(e.eventId())).as("stored " + e.eventId()).isNotNull();
                assertThat(stored.get(e.eventId()).occurredAt()).isEqualTo(e.occurredAt());
            }
        }
        return out;
    }

    private static Instant last(List<ActivityEvent> events) {
        return events.stream().map(ActivityEvent::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The transcript's (type, event_id) in the order of a plain UNION of the session's turns and activity. */
    private static List<List<String>> sqlOrder(String tenant, String session) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = QueryTestResource.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT type, event_id FROM ("
                     + " SELECT 'turn' AS type, event_id, occurred_at FROM turns WHERE tenant_id = ? AND session_id = ?"
                     + " UNION ALL"
                     + " SELECT 'activity', event_id, occurred_at FROM activity WHERE tenant_id = ? AND session_id = ?"
                     + ") x ORDER BY occurred_at, type, event_id")) {
            s.setString(1, tenant);
            s.setString(2, session);
            s.setString(3, tenant);
            s.setString(4, session);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(List.of(r.getString(1), r.getString(2)));
                }
            }
        }
        return out;
    }

    /** Whether (at, type, id) comes after (atC, typeC, idC) in PostgreSQL's order (its text collation). */
    private static boolean isAfter(Instant at, String type, String id, Instant atC, String typeC, String idC)
            throws SQLException {
        DataSource ds = QueryTestResource.dataSource();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT (?::timestamptz, ?::text, ?::text)"
                     + " > (?::timestamptz, ?::text, ?::text)")) {
            s.setObject(1, at.atOffset(ZoneOffset.UTC));
            s.setString(2, type);
            s.setString(3, id);
            s.setObject(4, atC.atOffset(ZoneOffset.UTC));
            s.setString(5, typeC);
            s.setString(6, idC);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private static List<JsonNode> transcript(String key, String session, int limit) {
        List<JsonNode> out = new ArrayList<>();
        Map<String, String> q = new HashMap<>(Map.of("limit", String.valueOf(limit)));
        while (true) {
            JsonNode page = Api.ok(key, "/v1/sessions/" + session + "/activity", q);
            assertThat(page.get("session_id").asText()).isEqualTo(session);
            page.get("entries").forEach(out::add);
            if (page.get("next_cursor").isNull()) {
                return out;
            }
            q.put("cursor", page.get("next_cursor").asText());
        }
    }

    private static List<JsonNode> sessions(String key, Map<String, ?> query, int limit) {
        List<JsonNode> out = new ArrayList<>();
        Map<String, Object> q = new HashMap<>(query);
        q.put("limit", String.valueOf(limit));
        while (true) {
            JsonNode page = Api.ok(key, "/v1/activity/sessions", q);
            page.get("items").forEach(out::add);
            if (page.get("next_cursor").isNull()) {
                return out;
            }
            q.put("cursor", page.get("next_cursor").asText());
        }
    }

    private static List<List<String>> keys(List<JsonNode> entries) {
        return entries.stream().map(ActivityIT::key).toList();
    }

    private static List<String> key(JsonNode entry) {
        return List.of(entry.get("type").asText(), entry.get("event_id").asText());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Map<String, String> range(Instant from, Instant to) {
        return Map.of("from", from.toString(), "to", to.toString());
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static void badCursor(String key, String path, Map<String, ?> query) {
        bad(Api.get(key, path, query), "cursor", "");
    }

    private static void bad(Response answer, String parameter, String reason) {
        answer.then().statusCode(400)
                .body("error", equalTo("invalid_parameter"))
                .body("errors[0].parameter", equalTo(parameter))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString(reason));
    }

    /** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; rows end with CRLF. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(ch);
            }
        }
        return rows;
    }
}
