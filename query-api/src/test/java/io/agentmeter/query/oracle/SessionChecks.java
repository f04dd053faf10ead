package io.agentmeter.query.oracle;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.it.Api;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The per-turn, per-session and per-recording answers against the recomputation: the stored first copies themselves,
 * the session list in every sort, each session, recordings (by time), the side-by-side comparison of the two
 * recordings, and the export.
 */
final class SessionChecks {

    static final List<String> SORTS = List.of("cost", "tokens", "turns", "duration", "last_seen");

    private final Recompute sql;
    private final Discrepancies d;
    private final FigureChecks ranges;

    SessionChecks(Recompute sql, Discrepancies d, FigureChecks ranges) {
        this.sql = sql;
        this.d = d;
        this.ranges = ranges;
    }

    /** {@code turns} holds exactly the first copy of every distinct (tenant, event id) the workload sent. */
    void firstCopies(String tenant, OracleWorkload workload) throws Exception {
        Map<String, Recompute.TurnFacts> stored = sql.allTurns(tenant);
        List<TurnEvent> sent = workload.firstCopies.values().stream().filter(t -> t.tenantId().equals(tenant))
                .toList();
        d.equal("first copies stored", tenant + " rows in turns", (long) sent.size(), (long) stored.size());
        Set<String> ids = new HashSet<>();
        for (TurnEvent t : sent) {
            ids.add(t.eventId());
            Recompute.TurnFacts row = stored.get(t.eventId());
            if (row == null) {
                d.add("first copies stored", tenant + " " + t.eventId() + " (occurred " + t.occurredAt()
                        + ") is not stored");
                continue;
            }
            d.equal("first copies stored", tenant + " " + t.eventId() + " occurred_at", t.occurredAt(),
                    row.occurredAt());
            Usage u = t.usageOrUnknown();
            Long[] counts = {u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(),
                    u.cacheWrite1hTokens(), u.reasoningTokens(), u.totalTokens()};
            for (int i = 0; i < counts.length; i++) {
                d.equal("first copies stored", tenant + " " + t.eventId() + " " + Recompute.TOKEN_COLUMNS.get(i),
                        counts[i], row.tokens()[i]);
            }
        }
        stored.keySet().stream().filter(id -> !ids.contains(id)).limit(20)
                .forEach(id -> d.add("first copies stored", tenant + " " + id + " is stored but was never sent"));
    }

    void sessionList(String tenant) throws Exception {
        Instant from = ranges.from400();
        Map<String, Recompute.SessionFacts> all = sql.sessionsIn(tenant, from, ranges.to());
        for (String sort : SORTS) {
            for (String order : List.of("desc", "asc")) {
                List<JsonNode> items = listAll(tenant, from, ranges.to(), sort, order);
                if (items == null) {
                    continue;
                }
                String what = tenant + " sessions 400 days sort=" + sort + " " + order;
                compareOrder(what, expectedOrder(all, sort, order), items);
                if (sort.equals("cost") && order.equals("desc")) {
                    for (JsonNode item : items) {
                        Recompute.SessionFacts e = all.get(item.get("session_id").asText());
                        if (e != null) {
                            item(tenant + " sessions list", item, e);
                        }
                    }
                }
            }
        }
        // A smaller range: the sessions with a turn in it, with their figures over all their turns.
        Instant from30 = ranges.to().minus(Duration.ofDays(30));
        List<JsonNode> recent = listAll(tenant, from30, ranges.to(), "last_seen", "desc");
        if (recent != null) {
            compareOrder(tenant + " sessions 30 days sort=last_seen desc",
                    expectedOrder(sql.sessionsIn(tenant, from30, ranges.to()), "last_seen", "desc"), recent);
        }
    }

    private List<JsonNode> listAll(String tenant, Instant from, Instant to, String sort, String order) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        try {
            do {
                Map<String, Object> q = new HashMap<>(Map.of("from", from.toString(), "to", to.toString(),
                        "sort", sort, "order", order, "limit", "1000"));
                if (cursor != null) {
                    q.put("cursor", cursor);
                }
                JsonNode body = Api.ok(OracleStack.key(tenant), "/v1/sessions", q);
                body.get("items").forEach(items::add);
                cursor = body.path("next_cursor").isTextual() ? body.get("next_cursor").asText() : null;
            } while (cursor != null);
            return items;
        } catch (AssertionError e) {
            d.add("sessions list", tenant + " sort=" + sort + " " + order + ": " + e.getMessage());
            return null;
        }
    }

    private void compareOrder(String what, List<String> expected, List<JsonNode> items) {
        List<String> actual = items.stream().map(i -> i.get("session_id").asText()).toList();
        Set<String> missing = new HashSet<>(expected);
        actual.forEach(missing::remove);
        Set<String> extra = new HashSet<>(actual);
        expected.forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            d.add("sessions listed", what + ": " + expected.size() + " sessions expected, " + actual.size()
                    + " listed; missing " + missing.size() + " " + missing.stream().sorted().limit(8).toList()
                    + ", extra " + extra.stream().sorted().limit(8).toList());
        } else if (!expected.equals(actual)) {
            int i = 0;
            while (expected.get(i).equals(actual.get(i))) {
                i++;
            }
            d.add("sessions order", what + ": first difference at position " + (i + 1) + ": expected "
                    + expected.get(i) + " but was " + actual.get(i));
        } else {
            d.equal("sessions order", what, 0, 0);
        }
    }

    /** The order the sort defines, ties by session id ascending; an unknown cost last either way. */
    static List<String> expectedOrder(Map<String, Recompute.SessionFacts> sessions, String sort, String order) {
        Function<Recompute.SessionFacts, Comparable<?>> key = switch (sort) {
            case "cost" -> s -> s.figures().expected().cost;
            case "tokens" -> s -> nz(s.figures().expected().tokens("input_tokens"))
                    + nz(s.figures().expected().tokens("output_tokens"));
            case "turns" -> s -> s.figures().expected().turns;
            case "duration" -> s -> Duration.between(s.firstSeen(), s.lastSeen());
            case "last_seen" -> s -> s.lastSeen();
            default -> throw new IllegalArgumentException(sort);
        };
        boolean desc = order.equals("desc");
        Comparator<Recompute.SessionFacts> byValue = (a, b) -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Comparable<Object> x = (Comparable) key.apply(a);
            Object y = key.apply(b);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            int c = x.compareTo(y);
            return desc ? -c : c;
        };
        return sessions.values().stream()
                .sorted(byValue.thenComparing(Recompute.SessionFacts::sessionId))
                .map(Recompute.SessionFacts::sessionId).toList();
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private void item(String check, JsonNode item, Recompute.SessionFacts e) {
        String what = check + " " + e.sessionId();
        FigureChecks.figures(d, check, what, item.get("figures"), e.figures());
        d.equal(check, what + " first_seen", e.firstSeen(), FigureChecks.instantOrNull(item.get("first_seen")));
        d.equal(check, what + " last_seen", e.lastSeen(), FigureChecks.instantOrNull(item.get("last_seen")));
        d.equal(check, what + " duration_ms", Duration.between(e.firstSeen(), e.lastSeen()).toMillis(),
                item.path("duration_ms").asLong(-1));
        d.equal(check, what + " models", e.models(), texts(item.get("models")));
        d.equal(check, what + " project", e.project(), text(item.get("project")));
        d.equal(check, what + " agent", e.agent(), text(item.get("agent")));
        d.equal(check, what + " user_id", e.userId(), text(item.get("user_id")));
        d.equal(check, what + " context_peak_tokens", e.contextPeak(), Api.longOrNull(item.get("context_peak_tokens")));
    }

    /** Every session of the tenant, one by one. */
    void sessionDetails(String tenant) throws Exception {
        Map<String, Recompute.SessionFacts> all = sql.sessionsIn(tenant, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"));
        Map<List<Object>, Recompute.Figures> byModel = sql.figures(tenant, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), List.of("t.session_id", "t.model"), false);
        Map<String, List<String>> turnOrder = new HashMap<>();
        for (Recompute.TurnFacts t : sql.turns(tenant, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))) {
            turnOrder.computeIfAbsent(t.sessionId(), k -> new ArrayList<>()).add(t.eventId());
        }
        for (Recompute.SessionFacts e : all.values()) {
            String check = "session detail";
            String what = tenant + " session " + e.sessionId();
            JsonNode body;
            try {
                body = Api.ok(OracleStack.key(tenant), "/v1/sessions/" + e.sessionId(), Map.of("limit", "1000"));
            } catch (AssertionError x) {
                d.add(check, what + ": " + x.getMessage());
                continue;
            }
            FigureChecks.figures(d, check, what, body.get("figures"), e.figures());
            d.equal(check, what + " first_seen", e.firstSeen(), FigureChecks.instantOrNull(body.get("first_seen")));
            d.equal(check, what + " last_seen", e.lastSeen(), FigureChecks.instantOrNull(body.get("last_seen")));
            for (JsonNode m : body.get("models")) {
                List<Object> key = new ArrayList<>(List.of(e.sessionId(), m.get("model").asText()));
                FigureChecks.figures(d, check, what + " model " + m.get("model").asText(), m.get("figures"),
                        byModel.getOrDefault(key, Recompute.Figures.none()));
            }
            d.equal(check, what + " models", e.models(),
                    body.get("models").findValuesAsText("model").stream().sorted().toList());
            d.equal(check, what + " project", e.project(), text(body.get("project")));
            d.equal(check, what + " agent", e.agent(), text(body.get("agent")));
            d.equal(check, what + " user_id", e.userId(), text(body.get("user_id")));
            List<String> events = new ArrayList<>();
            body.get("turns").forEach(t -> events.add(t.get("event_id").asText()));
            d.equal(check, what + " turns in time order", turnOrder.get(e.sessionId()), events);
            d.equal("session recordings", what + " recording_ids", e.recordingIds(),
                    texts(body.get("recording_ids")).stream().sorted().toList());
        }
    }

    /** Recordings list, each recording, and the two side by side, all by time. */
    void recordings(String tenant, RecordingScript script) throws Exception {
        Map<List<Object>, Recompute.Figures> total = sql.recordings(tenant, null);
        Map<List<Object>, Recompute.Figures> byModel = sql.recordings(tenant, "model");
        Map<List<Object>, Recompute.Figures> bySession = sql.recordings(tenant, "session_id");
        List<String> ids = script == null ? List.of() : List.of(script.bStarted.recordingId(),
                script.aStarted.recordingId());
        try {
            JsonNode list = Api.ok(OracleStack.key(tenant), "/v1/recordings", Map.of(
                    "from", ranges.to().minus(Duration.ofDays(1)).toString(), "to", ranges.to().toString()));
            d.equal("recordings list", tenant + " recordings, newest first", ids,
                    list.get("items").findValuesAsText("recording_id"));
            for (JsonNode item : list.get("items")) {
                String id = item.get("recording_id").asText();
                FigureChecks.figures(d, "recordings list", tenant + " recording " + id, item.get("figures"),
                        total.getOrDefault(List.of(id), Recompute.Figures.none()));
            }
        } catch (AssertionError e) {
            d.add("recordings list", tenant + ": " + e.getMessage());
        }
        if (script == null) {
            return;
        }
        for (String id : ids) {
            String what = tenant + " recording " + id;
            JsonNode body;
            try {
                body = Api.ok(OracleStack.key(tenant), "/v1/recordings/" + id, Map.of());
            } catch (AssertionError e) {
                d.add("recording detail", what + ": " + e.getMessage());
                continue;
            }
            FigureChecks.figures(d, "recording detail", what + " total", body.path("recording").get("figures"),
                    total.getOrDefault(List.of(id), Recompute.Figures.none()));
            groups(what + " per model", body.get("models"), id, byModel);
            groups(what + " per session", body.get("sessions"), id, bySession);
        }
        compareRecordings(tenant, script);
    }

    private void groups(String what, JsonNode groups, String id, Map<List<Object>, Recompute.Figures> expected) {
        Set<Object> seen = new HashSet<>();
        if (groups != null) {
            for (JsonNode g : groups) {
                String group = g.get("id").asText();
                seen.add(group);
                FigureChecks.figures(d, "recording detail", what + " " + group, g.get("figures"),
                        expected.getOrDefault(List.of(id, group), Recompute.Figures.none()));
            }
        }
        expected.keySet().stream().filter(k -> k.get(0).equals(id) && !seen.contains(k.get(1)))
                .forEach(k -> d.add("recording detail", what + ": group " + k.get(1) + " with "
                        + expected.get(k).expected().turns + " turns is missing"));
    }

    private void compareRecordings(String tenant, RecordingScript script) throws Exception {
        List<String> ids = script.ids();
        String what = tenant + " compare recordings " + ids;
        var response = given().header("Authorization", "Bearer " + OracleStack.key(tenant))
                .queryParam("recording", ids.get(0), ids.get(1)).queryParam("limit", "1000")
                .when().get("/v1/compare/recordings");
        if (response.statusCode() != 200) {
            d.add("compare recordings", what + ": answered " + response.statusCode() + " " + response.asString());
            return;
        }
        JsonNode body = Api.json(response.asString());
        Map<List<Object>, Recompute.Figures> total = sql.recordings(tenant, null);
        List<List<String>> turns = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode item = body.get("items").get(i);
            d.equal("compare recordings", what + " item " + i, ids.get(i), item.get("id").asText());
            FigureChecks.figures(d, "compare recordings", what + " " + ids.get(i), item.get("figures"),
                    total.getOrDefault(List.of(ids.get(i)), Recompute.Figures.none()));
            turns.add(sql.recordingTurns(tenant, ids.get(i)));
        }
        int positions = Math.max(turns.get(0).size(), turns.get(1).size());
        d.equal("compare recordings", what + " positions", (long) positions, (long) body.get("positions").size());
        for (JsonNode p : body.get("positions")) {
            int at = p.get("position").asInt() - 1;
            for (int i = 0; i < ids.size(); i++) {
                JsonNode t = p.get("turns").get(i);
                String expected = at < turns.get(i).size() ? turns.get(i).get(at) : null;
                d.equal("compare recordings", what + " position " + (at + 1) + " of " + ids.get(i), expected,
                        t == null || t.isNull() ? null : t.get("event_id").asText());
            }
        }
    }

    /** The NDJSON export of 400 days: every stored turn once, in time order, each field as stored. */
    void export(String tenant) throws Exception {
        String what = tenant + " export 400 days";
        var response = given().header("Authorization", "Bearer " + OracleStack.key(tenant))
                .queryParam("from", ranges.from400().toString()).queryParam("to", ranges.to().toString())
                .when().get("/v1/export/turns");
        if (response.statusCode() != 200) {
            d.add("export", what + ": answered " + response.statusCode());
            return;
        }
        List<Recompute.TurnFacts> expected = sql.turns(tenant, ranges.from400(), ranges.to());
        Map<String, JsonNode> rows = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (String line : response.asString().split("\n")) {
            if (!line.isBlank()) {
                JsonNode row = Api.json(line);
                order.add(row.path("event_id").asText());
                rows.put(row.path("event_id").asText(), row);
            }
        }
        d.equal("export", what + " rows", (long) expected.size(), (long) order.size());
        d.equal("export", what + " time order", expected.stream().map(Recompute.TurnFacts::eventId).toList(), order);
        for (Recompute.TurnFacts t : expected) {
            JsonNode row = rows.get(t.eventId());
            String turn = what + " " + t.eventId();
            if (row == null) {
                d.add("export", turn + " is missing");
                continue;
            }
            d.equal("export", turn + " occurred_at", t.occurredAt(), FigureChecks.instantOrNull(row.get("occurred_at")));
            d.equal("export", turn + " session_id", t.sessionId(), text(row.get("session_id")));
            for (int i = 0; i < Recompute.TOKEN_COLUMNS.size(); i++) {
                String column = Recompute.TOKEN_COLUMNS.get(i);
                d.equal("export", turn + " " + column, t.tokens()[i], Api.longOrNull(row.get(column)));
            }
            d.equal("export", turn + " cost_status", t.costStatus(), text(row.get("cost_status")));
            BigDecimal cost = Api.decimal(row.get("cost_usd"));
            d.equal("export", turn + " cost_usd", t.costUsd(), cost);
            d.equal("export recording_id", turn + " recording_id (by time)", t.recordingByTime(),
                    text(row.get("recording_id")));
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
