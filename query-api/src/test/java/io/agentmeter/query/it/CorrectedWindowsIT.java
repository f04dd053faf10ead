package io.agentmeter.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.auth.ApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The windows a late turn may be missing from are read through their smaller windows and kept once settled
 * (CorrectedWindows): answers served again from that cache, and after another late turn lands in a cached window,
 * still equal a plain count over the turns table. On a tenant of its own (a copy of acme's turns and of the rollups
 * the sink wrote for them), so adding a turn disturbs no other test.
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class CorrectedWindowsIT {

    private static final String TENANT = "initech";
    private static final List<String> TABLES = List.of("turns", "model_rollups", "agent_rollups", "tool_rollups",
            "session_rollups");
    /** Whole days: every late turn's day is read through its hours and minutes. */
    private static final Instant FROM = Instant.parse("2026-03-27T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-31T00:00:00Z");
    private static String key;

    @BeforeEach
    void copyAcme() throws SQLException {
        if (key != null) {
            return;
        }
        try (Connection c = QueryTestResource.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenants (tenant_id, name) VALUES ('" + TENANT + "', 'Initech')");
            for (String table : TABLES) {
                s.execute("CREATE TEMP TABLE copy_of_" + table + " AS SELECT * FROM " + table
                        + " WHERE tenant_id = 'acme'");
                s.execute("UPDATE copy_of_" + table + " SET tenant_id = '" + TENANT + "'");
                s.execute("INSERT INTO " + table + " SELECT * FROM copy_of_" + table);
            }
            String clear = ApiKeys.newKey("query");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO api_keys (key_id, tenant_id, kind, role, name,"
                    + " key_hash, key_prefix) VALUES (?, ?, 'query', 'viewer', 'initech viewer', ?, ?)")) {
                p.setString(1, ApiKeys.newKeyId());
                p.setString(2, TENANT);
                p.setString(3, ApiKeys.sha256Hex(clear));
                p.setString(4, ApiKeys.prefixOf(clear));
                p.executeUpdate();
            }
            key = clear;
        }
    }

    @Test
    void shouldEqualTheTurnsWhenServedAgainFromTheCache() throws SQLException {
        assertThat(longOf("SELECT count(*) FROM turns WHERE tenant_id = '" + TENANT + "' AND late AND occurred_at"
                + " >= '" + FROM + "' AND occurred_at < '" + TO + "'")).as("late turns in the range").isPositive();
        for (int pass = 0; pass < 2; pass++) {
            JsonNode body = Api.ok(key, "/v1/summary", Map.of("from", FROM.toString(), "to", TO.toString()));
            assertThat(body.get("current").get("served_from").get("rollup_table").isNull()).isFalse();
            assertSummaryEqualsTurns(body.get("current").get("figures"), "pass " + pass);
        }
    }

    @Test
    void shouldCountALateTurnAddedToACachedWindow() throws SQLException {
        Map<String, String> query = Map.of("metric", "cost", "interval", "day", "group_by", "model", "from",
                FROM.toString(), "to", TO.toString());
        assertSeriesEqualsTurns(Api.ok(key, "/v1/series", query), "before");
        // What the sink does with a late turn: stores it, rolls it up nowhere. Same minute and key as a late turn
        // already there, so only the number of late turns in that window changes.
        try (Connection c = QueryTestResource.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE another_late AS SELECT * FROM turns WHERE tenant_id = '" + TENANT
                    + "' AND late AND cost_usd IS NOT NULL AND occurred_at >= '" + FROM + "' AND occurred_at < '"
                    + TO + "' ORDER BY occurred_at LIMIT 1");
            s.execute("UPDATE another_late SET event_id = event_id || '-again'");
            assertThat(s.executeUpdate("INSERT INTO turns SELECT * FROM another_late")).isEqualTo(1);
        }
        assertSeriesEqualsTurns(Api.ok(key, "/v1/series", query), "after another late turn");
    }

    @Test
    void shouldFilterAndGroupCachedWindowsLikeTheirRows() throws SQLException {
        Map<String, String> query = new HashMap<>(Map.of("metric", "cost", "interval", "day", "group_by", "model",
                "from", FROM.toString(), "to", TO.toString()));
        assertSeriesEqualsTurns(Api.ok(key, "/v1/series", query), "every model");
        query.put("model", "gpt-5");
        JsonNode filtered = Api.ok(key, "/v1/series", query);
        assertThat(filtered.get("series")).allSatisfy(g -> assertThat(g.get("group").asText()).isEqualTo("gpt-5"));
        Map<String, BigDecimal[]> expected = perDayAndModel();
        for (JsonNode p : filtered.get("series").get(0).get("points")) {
            BigDecimal[] e = expected.get(OffsetDateTime.parse(p.get("start").asText()).toInstant() + "|gpt-5");
            assertThat(p.get("turns").longValue()).as("gpt-5 turns " + p.get("start"))
                    .isEqualTo(e == null ? 0 : e[0].longValue());
        }
    }

    private void assertSummaryEqualsTurns(JsonNode figures, String what) throws SQLException {
        try (Connection c = QueryTestResource.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), sum(cost_usd), sum(input_tokens), count(input_tokens),"
                     + " sum(duration_ms), count(duration_ms) FROM turns WHERE tenant_id = '" + TENANT
                     + "' AND occurred_at >= '" + FROM + "' AND occurred_at < '" + TO + "'")) {
            r.next();
            assertThat(figures.get("turns").longValue()).as(what + " turns").isEqualTo(r.getLong(1));
            assertThat(Api.decimal(figures.get("cost_usd"))).as(what + " cost").isEqualByComparingTo(
                    r.getBigDecimal(2));
            assertThat(Api.longOrNull(figures.get("input_tokens"))).as(what + " input").isEqualTo(r.getLong(3));
            assertThat(figures.get("input_tokens_turns").longValue()).as(what + " input coverage")
                    .isEqualTo(r.getLong(4));
        }
    }

    private void assertSeriesEqualsTurns(JsonNode body, String what) throws SQLException {
        Map<String, BigDecimal[]> expected = perDayAndModel();
        int points = 0;
        for (JsonNode group : body.get("series")) {
            for (JsonNode p : group.get("points")) {
                String at = OffsetDateTime.parse(p.get("start").asText()).toInstant() + "|" + group.get("group")
                        .asText();
                BigDecimal[] e = expected.get(at);
                long turns = p.get("turns").longValue();
                if (e == null) {
                    assertThat(turns).as(what + " " + at).isZero();
                    continue;
                }
                points++;
                assertThat(turns).as(what + " turns " + at).isEqualTo(e[0].longValue());
                if (e[1] == null) {
                    assertThat(p.get("value").isNull()).as(what + " cost " + at).isTrue();
                } else {
                    assertThat(Api.decimal(p.get("value"))).as(what + " cost " + at).isEqualByComparingTo(e[1]);
                }
            }
        }
        assertThat(points).as(what + " points").isEqualTo(expected.size());
    }

    /** (day start|model) to {turns, cost}, by a plain GROUP BY over the turns. */
    private static Map<String, BigDecimal[]> perDayAndModel() throws SQLException {
        Map<String, BigDecimal[]> out = new HashMap<>();
        try (Connection c = QueryTestResource.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT date_trunc('day', occurred_at, 'UTC'), model, count(*),"
                     + " sum(cost_usd) FROM turns WHERE tenant_id = '" + TENANT + "' AND occurred_at >= '" + FROM
                     + "' AND occurred_at < '" + TO + "' GROUP BY 1, 2")) {
            while (r.next()) {
                out.put(r.getObject(1, OffsetDateTime.class).toInstant() + "|" + r.getString(2),
                        new BigDecimal[] {BigDecimal.valueOf(r.getLong(3)), r.getBigDecimal(4)});
            }
        }
        return out;
    }

    private static long longOf(String sql) throws SQLException {
        try (Connection c = QueryTestResource.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
