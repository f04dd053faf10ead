package io.agentmeter.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backfill into windows the query API keeps in memory as settled (SettledWindows) shows in the next answer. The turns of a day six days ago are written by the real pipeline (the aggregator's topology and its
 * PostgreSQL sink), the day is queried so that its windows are cached, then more turns of that day go through the same
 * running aggregator: its stream time is that day, so they are not late and update the day's rollup rows, as an import
 * of old logs into a fresh aggregator does. The sink bumps the tenant's settled generation with them, and the answers
 * after it equal a plain count over the turns table. One turn, late for its minute window only, counts in every
 * window all the same (the sink adds it to its rows). On a tenant of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class SettledBackfillIT {

    private static final String TENANT = "umbrella";
    private static final Instant DAY = Instant.now().minus(Duration.ofDays(6)).truncatedTo(ChronoUnit.DAYS);
    private static final Instant TEN = DAY.plus(Duration.ofHours(10));

    @Test
    void shouldShowABackfillIntoCachedSettledWindows() throws Exception {
        String key = ApiKeys.newKey("query");
        try (Connection c = QueryTestResource.dataSource().getConnection()) {
            TestRows.tenant(c, TENANT, "Umbrella");
            TestRows.key(c, TENANT, "query", "viewer", key, false);
        }
        List<TurnEvent> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(turn("first-" + i, TEN.plusSeconds(75L * i), i % 2 == 0 ? "gpt-5" : "claude-sonnet-4-5"));
        }
        // 8 minutes behind the aggregator's stream time (10:48:45): late for its minute window, not for its hour.
        first.add(turn("late-for-its-minute", TEN.plus(Duration.ofMinutes(40)), "gpt-5"));
        List<TurnEvent> backfill = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            backfill.add(turn("backfill-" + i, TEN.plus(Duration.ofMinutes(50 + 3L * i)),
                    i % 3 == 0 ? "gpt-5" : "claude-sonnet-4-5"));
        }
        List<Map<String, String>> queries = List.of(
                series("hour", DAY, DAY.plus(Duration.ofDays(1))),
                series("day", DAY.minus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(2))));

        try (Connection c = QueryTestResource.dataSource().getConnection();
             PipelineSink.Running aggregator = PipelineSink.start(c.getMetaData().getURL(),
                     c.getMetaData().getUserName(), LocalPostgres.PASSWORD)) {
            aggregator.writeAsTheyOccur(first);
            assertThat(longOf("SELECT count(*) FROM turns WHERE tenant_id = '" + TENANT + "' AND late"))
                    .as("late turns").isEqualTo(1);
            for (int pass = 0; pass < 2; pass++) {
                for (Map<String, String> query : queries) {
                    assertAnswersEqualTurns(key, query, "before the backfill, pass " + pass);
                }
            }
            long generation = generation();

            aggregator.writeAsTheyOccur(backfill);
            assertThat(longOf("SELECT count(*) FROM turns WHERE tenant_id = '" + TENANT + "' AND late"))
                    .as("late turns after the backfill").isEqualTo(1);
            assertThat(longOf("SELECT sum(turns) FROM model_rollups WHERE tenant_id = '" + TENANT
                    + "' AND window_size = '1d'")).as("the day's rollup rows, updated").isEqualTo(71);
            assertThat(generation()).as("settled generation").isGreaterThan(generation);
            for (int pass = 0; pass < 2; pass++) {
                for (Map<String, String> query : queries) {
                    assertAnswersEqualTurns(key, query, "after the backfill, pass " + pass);
                }
            }
        }
    }

    private static Map<String, String> series(String interval, Instant from, Instant to) {
        return Map.of("metric", "cost", "interval", interval, "group_by", "model", "from", from.toString(), "to",
                to.toString());
    }

    /** The series and the summary of the query's range equal a GROUP BY over the turns table. */
    private static void assertAnswersEqualTurns(String key, Map<String, String> query, String what)
            throws SQLException {
        String interval = query.get("interval");
        Instant from = Instant.parse(query.get("from"));
        Instant to = Instant.parse(query.get("to"));
        JsonNode series = Api.ok(key, "/v1/series", query);
        assertThat(series.get("served_from").get("rollup_table").isNull()).as(what + " from rollups").isFalse();
        Map<String, BigDecimal[]> expected = perBucketAndModel(interval, from, to);
        int points = 0;
        for (JsonNode group : series.get("series")) {
            for (JsonNode p : group.get("points")) {
                String at = interval + " " + OffsetDateTime.parse(p.get("start").asText()).toInstant() + " "
                        + group.get("group").asText();
                BigDecimal[] e = expected.get(at);
                if (e == null) {
                    assertThat(p.get("turns").longValue()).as(what + " turns " + at).isZero();
                    continue;
                }
                points++;
                assertThat(p.get("turns").longValue()).as(what + " turns " + at).isEqualTo(e[0].longValue());
                assertThat(Api.decimal(p.get("value"))).as(what + " cost " + at).isEqualByComparingTo(e[1]);
            }
        }
        assertThat(points).as(what + " " + interval + " points").isEqualTo(expected.size());

        JsonNode summary = Api.ok(key, "/v1/summary", Map.of("from", from.toString(), "to", to.toString()));
        JsonNode figures = summary.get("current").get("figures");
        BigDecimal[] total = expected.values().stream().reduce(new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO},
                (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
        assertThat(figures.get("turns").longValue()).as(what + " summary turns").isEqualTo(total[0].longValue());
        assertThat(Api.decimal(figures.get("cost_usd"))).as(what + " summary cost").isEqualByComparingTo(total[1]);
    }

    /** ({@code interval} bucket start, model) to {turns, cost}, by a plain GROUP BY over the turns. */
    private static Map<String, BigDecimal[]> perBucketAndModel(String interval, Instant from, Instant to)
            throws SQLException {
        Map<String, BigDecimal[]> out = new HashMap<>();
        try (Connection c = QueryTestResource.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT date_trunc(?, occurred_at, 'UTC'), model, count(*),"
                     + " sum(cost_usd) FROM turns WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?"
                     + " GROUP BY 1, 2")) {
            s.setString(1, interval);
            s.setString(2, TENANT);
            s.setObject(3, from.atOffset(ZoneOffset.UTC));
            s.setObject(4, to.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(interval + " " + r.getObject(1, OffsetDateTime.class).toInstant() + " " + r.getString(2),
                            new BigDecimal[] {BigDecimal.valueOf(r.getLong(3)), r.getBigDecimal(4)});
                }
            }
        }
        return out;
    }

    private static TurnEvent turn(String id, Instant at, String model) {
        String provider = model.startsWith("gpt") ? "openai" : "anthropic";
        return new TurnEvent(TurnEvent.CURRENT_SCHEMA_VERSION, TENANT, id, at, "s-" + model, model, provider,
                "backfill", "coder", null, null, null, null, null, 1_000L, TurnEvent.STATUS_OK, null,
                new Usage(2_000L, 300L, null, null, null, null, null), null, null, null, null, null, null, null,
                null);
    }

    private static long generation() throws SQLException {
        return longOf("SELECT coalesce(max(generation), 0) FROM settled_changes WHERE tenant_id = '" + TENANT + "'");
    }

    private static long longOf(String sql) throws SQLException {
        try (Connection c = QueryTestResource.dataSource().getConnection();
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
