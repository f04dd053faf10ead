package io.agentmeter.query.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.localstack.FreePorts;
import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.db.Migrations;
import java.io.File;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The query API's benchmark: seeds a tenant (default 10,000,000 turns, 100,000 sessions, 20 models, 50 agents,
 * 90 days) with the rollups the sink would write, starts the packaged API as its own process, and for each endpoint
 * measures p50/p99 latency at a steady request rate, beside the same answer computed by a plain GROUP BY over the
 * turns table (checked equal, and timed). Not a test; see docs/query-api.md for the command.
 *
 * <p>Options: {@code --turns N --sessions N --days N --agents N --late F --data DIR --rate R --seconds S
 * --api-jar PATH --out FILE --only ID,ID}; {@code --only} runs the named scenarios only (ids: summary, series-model,
 * series-agent, series-latency, burn-rate, breakdown-agent, breakdown-tool, heatmap, top-sessions, session,
 * compare-models, compare-sessions, counterfactual, summary-label), for iterating on a few; {@code --plain-runs N}
 * times each plain GROUP BY N times (default 3).
 * The data directory is kept: a second run on it skips the seeding.
 */
public final class QueryBenchmark {

    private final Map<String, String> options;
    private final SplittableRandom random = new SplittableRandom(5);
    private final List<String> report = new ArrayList<>();

    private QueryBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new QueryBenchmark(options).run();
        System.exit(0);
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, System.getProperty("bench." + name, fallback));
    }

    private void run() throws Exception {
        long turns = Long.parseLong(option("turns", "10000000"));
        int sessions = Integer.parseInt(option("sessions", "100000"));
        int days = Integer.parseInt(option("days", "90"));
        int agents = Integer.parseInt(option("agents", "50"));
        double late = Double.parseDouble(option("late", "0.00002"));
        Path dir = Path.of(option("data", "/var/tmp/agentmeter-bench-" + turns));
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        try (LocalPostgres postgres = LocalPostgres.builder().dataDirectory(dir).port(FreePorts.pick()).start()) {
            if (fresh) {
                tune(postgres);
            }
            postgres.createDatabase("bench");
            DataSource db = postgres.dataSource("bench");
            if (Boolean.parseBoolean(option("repair", "false"))) {
                // After editing a not yet released migration on a kept data directory: accept its new checksum.
                org.flywaydb.core.Flyway.configure().dataSource(db).locations(Migrations.LOCATION).load().repair();
            }
            int migrated = Migrations.apply(db);
            BenchData data = new BenchData(db, turns, sessions, days, agents, late);
            String scale = String.format("%,d turns, %,d sessions, %d models, %d agents, %d days, late fraction %s",
                    turns, sessions, BenchData.MODELS.length, agents, days, late);
            if (!seeded(db, scale)) {
                BenchData.log("seeding %s into %s", scale, dir);
                Duration took = data.seed();
                markSeeded(db, scale, took);
            } else if (migrated > 0 || Boolean.parseBoolean(option("vacuum", "false"))) {
                BenchData.log("kept data, %d migration(s) applied; vacuuming", migrated);
                data.vacuum();
            }
            report.add("Scale: " + scale + "; seeded in " + seedTime(db) + ".");
            report.add("Sizes: " + sizes(db));
            String key = key(db);
            Process api = startApi(postgres);
            try {
                String base = "http://localhost:" + apiPort;
                waitReady(base);
                Load load = new Load(base, key);
                if (Boolean.parseBoolean(option("serve", "false"))) {
                    System.out.println("serving: " + base + " key " + key + " db " + postgres.jdbcUrl("bench"));
                    Thread.sleep(Long.MAX_VALUE);
                }
                scenarios(load, db, data);
            } finally {
                api.destroy();
                api.waitFor();
            }
        }
        String out = String.join("\n", report) + "\n";
        System.out.println("\n" + out);
        Path file = Path.of(option("out", "query-api/target/bench-results.md"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out);
    }

    // ---- scenarios ------------------------------------------------------------------------------------------

    /** {@code id} names the scenario for {@code --only}. */
    private record Scenario(String id, String name, String source, int targetMs, Supplier<String> paths, String example,
                            Plain plain) {
    }

    /** The same answer by a plain GROUP BY over turns: its SQL, and a comparison with the API's answer. */
    private interface Plain {
        String sql();

        /** null when equal, else what differs. */
        String compare(JsonNode api, List<Object[]> rows);
    }

    private void scenarios(Load load, DataSource db, BenchData data) throws Exception {
        Instant end = BenchData.END;
        Instant d30 = end.minus(Duration.ofDays(30));
        Instant d7 = end.minus(Duration.ofDays(7));
        String t = "tenant_id = 'bench'";
        List<String> someSessions = sessions(db, 200);
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario("summary", "summary, 30 days (+ previous 30)", "rollups", 50,
                () -> "/v1/summary?" + range(ragged(d30), ragged(end)),
                "/v1/summary?" + range(d30.plusSeconds(17 * 60 + 5), end.minusSeconds(23 * 60)),
                plain("SELECT count(*), sum(input_tokens), count(input_tokens), sum(cost_usd),"
                        + " count(*) FILTER (WHERE cost_status = 'unpriced'), count(DISTINCT session_id) FROM turns"
                        + " WHERE " + t + " AND occurred_at >= '" + d30.plusSeconds(17 * 60 + 5) + "'"
                        + " AND occurred_at < '" + end.minusSeconds(23 * 60) + "'", (api, rows) -> {
                    JsonNode f = api.get("current").get("figures");
                    Object[] r = rows.get(0);
                    return same("turns", f.get("turns"), r[0]) + same("input", f.get("input_tokens"), r[1])
                            + same("input coverage", f.get("input_tokens_turns"), r[2])
                            + same("cost", f.get("cost_usd"), r[3]) + same("unpriced", f.get("unpriced_turns"), r[4])
                            + same("sessions", api.get("current").get("sessions"), r[5]);
                })));
        list.add(new Scenario("series-model", "series cost by model per day, 90 days", "rollups", 50,
                () -> "/v1/series?metric=cost&interval=day&group_by=model&" + range(ragged(data.start()), end),
                "/v1/series?metric=cost&interval=day&group_by=model&" + range(data.start(), end),
                plain("SELECT extract(epoch FROM date_trunc('day', occurred_at, 'UTC'))::bigint, model, sum(cost_usd),"
                        + " count(*) FROM turns WHERE " + t + " AND occurred_at >= '" + data.start() + "' AND"
                        + " occurred_at < '" + end + "' GROUP BY 1, 2", QueryBenchmark::compareSeries)));
        list.add(new Scenario("series-agent", "series turns by agent per hour, 7 days, Europe/Berlin", "rollups", 50,
                () -> "/v1/series?metric=turns&interval=hour&group_by=agent&tz=Europe/Berlin&"
                        + range(ragged(d7), ragged(end)),
                "/v1/series?metric=turns&interval=hour&group_by=agent&tz=Europe/Berlin&" + range(d7, end),
                plain("SELECT extract(epoch FROM date_trunc('hour', occurred_at, 'Europe/Berlin'))::bigint, agent,"
                        + " count(*), count(*) FROM turns WHERE " + t + " AND occurred_at >= '" + d7 + "' AND"
                        + " occurred_at < '" + end + "' GROUP BY 1, 2", QueryBenchmark::compareSeries)));
        list.add(new Scenario("series-latency", "series p95 latency per day, 30 days", "rollups", 50,
                () -> "/v1/series?metric=latency_p95_ms&interval=day&" + range(ragged(d30), ragged(end)),
                "/v1/series?metric=latency_p95_ms&interval=day&" + range(d30, end),
                plain("SELECT extract(epoch FROM date_trunc('day', occurred_at, 'UTC'))::bigint, '',"
                        + " percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms), count(*) FROM turns WHERE " + t
                        + " AND occurred_at >= '" + d30 + "' AND occurred_at < '" + end + "' GROUP BY 1, 2",
                        QueryBenchmark::compareSeries)));
        list.add(new Scenario("burn-rate", "burn rate (last hour, 24 h, today, month; projections)", "rollups", 50,
                () -> "/v1/burn-rate?at=" + ragged(end.minusSeconds(3600 * 5)),
                "/v1/burn-rate?at=" + end.minusSeconds(3600 * 5),
                plain("SELECT sum(cost_usd) FILTER (WHERE occurred_at >= '" + end.minusSeconds(3600 * 6) + "'),"
                        + " sum(cost_usd) FILTER (WHERE occurred_at >= '" + end.minusSeconds(3600 * 29) + "'),"
                        + " sum(cost_usd) FROM turns WHERE " + t + " AND occurred_at >= '2026-05-01T00:00:00Z' AND"
                        + " occurred_at < '" + end.minusSeconds(3600 * 5) + "'", (api, rows) ->
                        same("last hour", api.get("last_hour").get("cost_usd"), rows.get(0)[0])
                                + same("24 h", api.get("last_24_hours").get("cost_usd"), rows.get(0)[1])
                                + same("month", api.get("this_month").get("cost_usd"), rows.get(0)[2]))));
        list.add(new Scenario("breakdown-agent", "breakdown of cost by agent, 30 days", "rollups", 50,
                () -> "/v1/breakdown?by=agent&metric=cost&" + range(ragged(d30), ragged(end)),
                "/v1/breakdown?by=agent&metric=cost&" + range(d30, end),
                plain("SELECT agent, sum(cost_usd), count(*) FROM turns WHERE " + t + " AND occurred_at >= '" + d30
                        + "' AND occurred_at < '" + end + "' GROUP BY 1", QueryBenchmark::compareBreakdown)));
        list.add(new Scenario("breakdown-tool", "breakdown of turns by tool, 30 days", "rollups", 50,
                () -> "/v1/breakdown?by=tool&metric=turns&" + range(ragged(d30), ragged(end)),
                "/v1/breakdown?by=tool&metric=turns&" + range(d30, end),
                plain("SELECT tl.name, count(*), count(*) FROM turns t CROSS JOIN LATERAL (SELECT DISTINCT"
                        + " e->>'name' AS name FROM jsonb_array_elements(t.tools) e) tl WHERE t." + t
                        + " AND t.occurred_at >= '" + d30 + "' AND t.occurred_at < '" + end + "' GROUP BY 1",
                        QueryBenchmark::compareBreakdown)));
        list.add(new Scenario("heatmap", "heatmap of turns, 30 days, Europe/Berlin", "rollups", 50,
                () -> "/v1/heatmap?metric=turns&tz=Europe/Berlin&" + range(ragged(d30), ragged(end)),
                "/v1/heatmap?metric=turns&tz=Europe/Berlin&" + range(d30, end),
                plain("SELECT (extract(isodow FROM occurred_at AT TIME ZONE 'Europe/Berlin')::int - 1) * 24"
                        + " + extract(hour FROM occurred_at AT TIME ZONE 'Europe/Berlin')::int, count(*) FROM turns"
                        + " WHERE " + t + " AND occurred_at >= '" + d30 + "' AND occurred_at < '" + end
                        + "' GROUP BY 1", (api, rows) -> {
                    Map<Long, Long> byCell = new HashMap<>();
                    rows.forEach(r -> byCell.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
                    StringBuilder diff = new StringBuilder();
                    for (JsonNode c : api.get("cells")) {
                        long cell = (c.get("weekday").longValue() - 1) * 24 + c.get("hour").longValue();
                        diff.append(same("cell " + cell, c.get("turns"), byCell.getOrDefault(cell, 0L)));
                    }
                    return diff.toString();
                })));
        list.add(new Scenario("top-sessions", "top 50 sessions by cost, 7 days", "session_rollups", 50,
                () -> "/v1/sessions?sort=cost&limit=50&" + range(ragged(d7), ragged(end)),
                "/v1/sessions?sort=cost&limit=50&" + range(d7, end),
                plain("SELECT session_id, sum(cost_usd) FROM turns WHERE " + t + " AND session_id IN (SELECT"
                        + " session_id FROM turns WHERE " + t + " AND occurred_at >= '" + d7 + "' AND occurred_at < '"
                        + end + "') GROUP BY 1 ORDER BY 2 DESC NULLS LAST, 1 LIMIT 50", (api, rows) -> {
                    StringBuilder diff = new StringBuilder();
                    for (int i = 0; i < rows.size(); i++) {
                        JsonNode item = api.get("items").get(i);
                        diff.append(same("rank " + i + " cost", item.get("figures").get("cost_usd"), rows.get(i)[1]));
                    }
                    return diff.toString();
                })));
        String oneSession = someSessions.get(0);
        list.add(new Scenario("session", "one session (totals, per model, first 100 turns)", "turns", 200,
                () -> "/v1/sessions/" + someSessions.get(random.nextInt(someSessions.size())) + "?limit=100",
                "/v1/sessions/" + oneSession + "?limit=100",
                plain("SELECT count(*), sum(cost_usd), max(context_used_tokens) FROM turns WHERE " + t
                        + " AND session_id = '" + oneSession + "'", (api, rows) ->
                        same("turns", api.get("figures").get("turns"), rows.get(0)[0])
                                + same("cost", api.get("figures").get("cost_usd"), rows.get(0)[1])
                                + same("peak", api.get("context_peak_tokens"), rows.get(0)[2]))));
        Instant d1 = end.minus(Duration.ofDays(1));
        list.add(new Scenario("compare-models", "compare models on shared prompts, 1 day", "turns", 200,
                () -> "/v1/compare/models?" + range(ragged(d1), ragged(end)),
                "/v1/compare/models?" + range(d1, end),
                plain("WITH sel AS (SELECT model, prompt_hash FROM turns WHERE " + t + " AND occurred_at >= '" + d1
                        + "' AND occurred_at < '" + end + "' AND prompt_hash IS NOT NULL), shared AS (SELECT"
                        + " prompt_hash FROM sel GROUP BY 1 HAVING count(DISTINCT model) >= 2) SELECT model, count(*)"
                        + " FROM sel JOIN shared USING (prompt_hash) GROUP BY 1", (api, rows) -> {
                    Map<String, Long> byModel = new HashMap<>();
                    rows.forEach(r -> byModel.put((String) r[0], ((Number) r[1]).longValue()));
                    StringBuilder diff = new StringBuilder();
                    api.get("models").forEach(m -> diff.append(same(m.get("model").asText(), m.get("turns"),
                            byModel.get(m.get("model").asText()))));
                    return byModel.size() == api.get("models").size() ? diff.toString() : "model count differs";
                })));
        list.add(new Scenario("compare-sessions", "compare 3 sessions side by side", "turns", 200,
                () -> {
                    int a = random.nextInt(66);
                    return "/v1/compare/sessions?session=" + someSessions.get(a) + "&session="
                            + someSessions.get(66 + random.nextInt(66)) + "&session="
                            + someSessions.get(132 + random.nextInt(66));
                },
                "/v1/compare/sessions?session=" + someSessions.get(1) + "&session=" + someSessions.get(2)
                        + "&session=" + someSessions.get(3),
                plain("SELECT session_id, count(*), sum(cost_usd) FROM turns WHERE " + t + " AND session_id IN ('"
                        + someSessions.get(1) + "', '" + someSessions.get(2) + "', '" + someSessions.get(3)
                        + "') GROUP BY 1", (api, rows) -> {
                    Map<String, Object[]> byId = new HashMap<>();
                    rows.forEach(r -> byId.put((String) r[0], r));
                    StringBuilder diff = new StringBuilder();
                    api.get("items").forEach(i -> diff.append(same(i.get("id").asText(), i.get("figures")
                            .get("cost_usd"), byId.get(i.get("id").asText())[2])));
                    return diff.toString();
                })));
        list.add(new Scenario("counterfactual", "counterfactual on claude-sonnet-4-5, one project, 1 day", "turns", 200,
                () -> "/v1/compare/counterfactual?target_model=claude-sonnet-4-5&project=project-3&"
                        + range(ragged(end.minus(Duration.ofDays(1))), ragged(end)),
                "/v1/compare/counterfactual?target_model=claude-sonnet-4-5&project=project-3&"
                        + range(end.minus(Duration.ofDays(1)), end),
                plain("SELECT count(*), sum(cost_usd) FROM turns WHERE " + t + " AND project = 'project-3' AND"
                        + " occurred_at >= '" + end.minus(Duration.ofDays(1)) + "' AND occurred_at < '" + end + "'",
                        (api, rows) -> same("turns", api.get("total").get("turns"), rows.get(0)[0])
                                + same("actual cost", api.get("total").get("actual_cost_usd"), rows.get(0)[1]))));
        list.add(new Scenario("summary-label", "summary filtered by label, 1 day (+ previous day)", "turns", 0,
                () -> "/v1/summary?label=team:payments&" + range(ragged(d1), ragged(end)),
                "/v1/summary?label=team:payments&" + range(d1, end),
                plain("SELECT count(*), sum(cost_usd) FROM turns WHERE " + t + " AND labels @> '{\"team\":"
                        + " \"payments\"}' AND occurred_at >= '" + d1 + "' AND occurred_at < '" + end + "'",
                        (api, rows) -> same("turns", api.get("current").get("figures").get("turns"), rows.get(0)[0])
                                + same("cost", api.get("current").get("figures").get("cost_usd"), rows.get(0)[1]))));

        List<String> only = List.of(option("only", "").split(","));
        if (!option("only", "").isBlank()) {
            list.removeIf(s -> !only.contains(s.id()));
        }
        double rate = Double.parseDouble(option("rate", "5"));
        int plainRuns = Integer.parseInt(option("plain-runs", "3"));
        Duration measure = Duration.ofSeconds(Long.parseLong(option("seconds", "30")));
        report.add("");
        report.add(String.format("Open-loop load: %.0f requests/s per endpoint for %d s after a 5 s warm-up, one"
                + " endpoint at a time; API (-Xmx768m) and PostgreSQL on the same 2-core machine.", rate,
                measure.toSeconds()));
        report.add("");
        report.add("| endpoint | reads | target p99 | API p50 ms | API p99 ms | API max ms | requests (errors) |"
                + " plain GROUP BY over turns, median / max ms | same answer |");
        report.add("|---|---|---|---|---|---|---|---|---|");
        for (Scenario s : list) {
            BenchData.log("scenario: %s", s.name());
            JsonNode answer = Json.mapper().readTree(load.get(s.example()));
            double[] plainMs = new double[plainRuns];
            List<Object[]> rows = null;
            for (int i = 0; i < plainMs.length; i++) {
                long t0 = System.nanoTime();
                rows = query(db, s.plain().sql());
                plainMs[i] = (System.nanoTime() - t0) / 1e6;
            }
            String diff = s.plain().compare(answer, rows);
            Load.Result r = load.run(s.paths(), rate, Duration.ofSeconds(5), measure);
            Arrays.sort(plainMs);
            String row = String.format("| %s | %s | %s | %.1f | %.1f | %.1f | %d (%d) | %.0f / %.0f | %s |", s.name(),
                    s.source(), s.targetMs() == 0 ? "-" : "≤ " + s.targetMs() + " ms", r.p50(), r.p99(), r.max(),
                    r.requests(), r.errors(), plainMs[plainRuns / 2], plainMs[plainRuns - 1],
                    diff.isEmpty() ? "yes" : "NO: " + diff);
            BenchData.log("  %s", row);
            report.add(row);
        }
    }

    private static String compareSeries(JsonNode api, List<Object[]> rows) {
        Map<String, Object[]> expected = new HashMap<>();
        rows.forEach(r -> expected.put(r[0] + "|" + (r[1] == null ? "" : r[1]), r));
        StringBuilder diff = new StringBuilder();
        int points = 0;
        for (JsonNode series : api.get("series")) {
            String group = series.get("group").isNull() ? "" : series.get("group").asText();
            for (JsonNode p : series.get("points")) {
                long bucket = java.time.OffsetDateTime.parse(p.get("start").asText()).toEpochSecond();
                Object[] r = expected.get(bucket + "|" + group);
                if (r == null) {
                    if (p.get("turns").longValue() != 0) {
                        diff.append(" extra ").append(bucket).append(group);
                    }
                    continue;
                }
                points++;
                diff.append(same("turns " + bucket + group, p.get("turns"), r[3]));
                if (api.get("metric").asText().startsWith("latency")) {
                    double v = p.get("value").doubleValue();
                    double e = ((Number) r[2]).doubleValue();
                    if (Math.abs(v - e) > 0.02 * e) {
                        diff.append(" p95 ").append(v).append(" vs ").append(e);
                    }
                } else {
                    diff.append(same("value " + bucket + group, p.get("value"), r[2]));
                }
            }
        }
        return points == rows.size() ? diff.toString() : diff + " points " + points + " vs " + rows.size();
    }

    private static String compareBreakdown(JsonNode api, List<Object[]> rows) {
        Map<String, Object[]> expected = new HashMap<>();
        rows.forEach(r -> expected.put((String) r[0], r));
        StringBuilder diff = new StringBuilder();
        for (JsonNode item : api.get("items")) {
            Object[] r = expected.get(item.get("group").asText());
            diff.append(same(item.get("group").asText(), item.get("value"), r == null ? null : r[1]))
                    .append(same(item.get("group").asText() + " turns", item.get("figures").get("turns"),
                            r == null ? null : r[2]));
        }
        return api.get("items").size() == rows.size() ? diff.toString() : diff + " groups differ";
    }

    private static String same(String what, JsonNode api, Object plain) {
        if ((api == null || api.isNull()) && plain == null) {
            return "";
        }
        if (api == null || api.isNull() || plain == null) {
            return " " + what + ": " + api + " vs " + plain;
        }
        BigDecimal a = api.decimalValue();
        BigDecimal b = new BigDecimal(plain.toString());
        return a.compareTo(b) == 0 ? "" : " " + what + ": " + a + " vs " + b;
    }

    private static Plain plain(String sql, java.util.function.BiFunction<JsonNode, List<Object[]>, String> compare) {
        return new Plain() {
            public String sql() {
                return sql;
            }

            public String compare(JsonNode api, List<Object[]> rows) {
                return compare.apply(api, rows);
            }
        };
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Instant ragged(Instant at) {
        return at.minusSeconds(random.nextInt(3600));
    }

    private static String range(Instant from, Instant to) {
        return "from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8);
    }

    private static List<Object[]> query(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<Object[]> rows = new ArrayList<>();
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = r.getObject(i + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static List<String> sessions(DataSource db, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Object[] r : query(db, "SELECT session_id FROM session_rollups WHERE tenant_id = 'bench' ORDER BY"
                + " hashtext(session_id) LIMIT " + n)) {
            ids.add((String) r[0]);
        }
        return ids;
    }

    private static void tune(LocalPostgres postgres) throws Exception {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String setting : List.of("shared_buffers = '4GB'", "effective_cache_size = '16GB'",
                    "work_mem = '64MB'", "maintenance_work_mem = '1GB'", "max_wal_size = '16GB'",
                    "checkpoint_timeout = '30min'", "random_page_cost = 1.1", "synchronous_commit = off",
                    "max_parallel_workers_per_gather = 2", "jit = off")) {
                s.execute("ALTER SYSTEM SET " + setting);
            }
        }
        postgres.restart();
    }

    private static boolean seeded(DataSource db, String scale) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_meta (scale text, seconds bigint)");
            try (ResultSet r = s.executeQuery("SELECT scale FROM bench_meta")) {
                if (r.next()) {
                    if (!r.getString(1).equals(scale)) {
                        throw new IllegalStateException("the data directory holds another scale (" + r.getString(1)
                                + "); give --data a new directory");
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private static void markSeeded(DataSource db, String scale, Duration took) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO bench_meta (scale, seconds) VALUES (?, ?)")) {
            s.setString(1, scale);
            s.setLong(2, took.toSeconds());
            s.executeUpdate();
        }
    }

    private static String seedTime(DataSource db) throws Exception {
        Object seconds = query(db, "SELECT seconds FROM bench_meta").get(0)[0];
        long s = ((Number) seconds).longValue();
        return String.format("%d min %02d s", s / 60, s % 60);
    }

    private static String sizes(DataSource db) throws Exception {
        Map<String, String> sizes = new LinkedHashMap<>();
        for (String table : BenchData.TABLES) {
            Object[] r = query(db, "SELECT (SELECT count(*) FROM " + table + "), pg_size_pretty(sum(pg_total_relation_size"
                    + "(c.oid))) FROM pg_class c WHERE c.oid = '" + table + "'::regclass OR c.oid IN (SELECT inhrelid"
                    + " FROM pg_inherits WHERE inhparent = '" + table + "'::regclass)").get(0);
            sizes.put(table, String.format("%,d rows, %s", ((Number) r[0]).longValue(), r[1]));
        }
        return sizes.toString();
    }

    private static String key(DataSource db) throws Exception {
        String key = ApiKeys.newKey("query");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenants (tenant_id, name) VALUES ('bench', 'bench') ON CONFLICT DO NOTHING");
            s.execute("DELETE FROM api_keys WHERE tenant_id = 'bench'");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO api_keys (key_id, tenant_id, kind, role, name,"
                    + " key_hash, key_prefix) VALUES (?, 'bench', 'query', 'developer', 'bench', ?, ?)")) {
                p.setString(1, ApiKeys.newKeyId());
                p.setString(2, ApiKeys.sha256Hex(key));
                p.setString(3, ApiKeys.prefixOf(key));
                p.executeUpdate();
            }
        }
        return key;
    }

    private int apiPort;

    private Process startApi(LocalPostgres postgres) throws Exception {
        apiPort = FreePorts.pick();
        String jar = option("api-jar", "query-api/target/quarkus-app/quarkus-run.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("no packaged API at " + jar + "; run ./mvnw -pl query-api package"
                    + " -DskipTests first, or give --api-jar");
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx768m", "-Dquarkus.http.port=" + apiPort,
                "-Dagentmeter.db.url=" + postgres.jdbcUrl("bench"), "-Dagentmeter.db.user=" + postgres.username(),
                "-Dagentmeter.db.password=" + postgres.password(), "-Dquarkus.log.level=WARN",
                "-Dquarkus.datasource.jdbc.max-size=8", "-jar", jar);
        builder.redirectErrorStream(true).redirectOutput(Path.of(option("api-log",
                System.getProperty("java.io.tmpdir") + "/agentmeter-bench-api.log")).toFile());
        return builder.start();
    }

    private static void waitReady(String base) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        long until = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < until) {
            try {
                var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                        + "/q/health/ready")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the API did not become ready at " + base);
    }
}
