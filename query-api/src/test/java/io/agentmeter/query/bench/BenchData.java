package io.agentmeter.query.bench;

import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.ModelPrice;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.rollup.WindowSize;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Seeds the benchmark tenant: turns generated in time order and written with COPY, priced by the one cost engine,
 * and in the same pass the rollups the sink would write (1m/1h/1d per model, agent and tool; one row per session),
 * with late turns left out of the windows. Indexes and keys are dropped for the load and rebuilt after it.
 */
final class BenchData {

    static final String TENANT = "bench";
    static final Instant END = Instant.parse("2026-06-01T00:00:00Z");
    static final String[][] MODELS = {
            {"gpt-5", "openai"}, {"gpt-5-mini", "openai"}, {"gpt-5-nano", "openai"}, {"gpt-4o", "openai"},
            {"gpt-4o-mini", "openai"}, {"gpt-4.1", "openai"}, {"gpt-4.1-mini", "openai"}, {"o3", "openai"},
            {"o4-mini", "openai"}, {"claude-sonnet-4-5", "anthropic"}, {"claude-opus-4-1", "anthropic"},
            {"claude-haiku-4-5", "anthropic"}, {"gemini-2.5-pro", "google"}, {"gemini-2.5-flash", "google"},
            {"deepseek-chat", "deepseek"}, {"deepseek-reasoner", "deepseek"}, {"grok-4", "xai"},
            {"command-r-plus", "cohere"}, {"llama-3.3-70b-versatile", "groq"}, {"local-llama", "local"}};
    static final String[] TOOLS = {"bash", "read", "edit", "grep", "web_search", "python", "sql", "browser",
            "write", "test"};
    static final String[] TEAMS = {"payments", "search", "growth", "infra", "ml"};
    static final List<String> TABLES = List.of("turns", "model_rollups", "agent_rollups", "tool_rollups",
            "session_rollups");
    private static final String TURN_COLUMNS = "tenant_id, event_id, occurred_at, session_id, model, provider,"
            + " project, agent, user_id, turn_index, duration_ms, status, error_type, input_tokens, output_tokens,"
            + " cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens, total_tokens,"
            + " context_used_tokens, context_max_tokens, tools, labels, prompt_hash, recording_id, cost_status,"
            + " cost_usd, computed_cost_usd, price_version, late";
    private static final String FIGURE_COLUMNS = "turns, error_turns, input_tokens, input_tokens_turns,"
            + " output_tokens, output_tokens_turns, cache_read_tokens, cache_read_tokens_turns, cache_write_tokens,"
            + " cache_write_tokens_turns, cache_write_1h_tokens, cache_write_1h_tokens_turns, reasoning_tokens,"
            + " reasoning_tokens_turns, total_tokens, total_tokens_turns, cost_usd, cost_turns, unpriced_turns,"
            + " incomplete_cost_turns, duration_ms_sum, duration_ms_min, duration_ms_max, duration_turns,"
            + " latency_sketch, latency_p50_ms, latency_p95_ms, latency_p99_ms, first_seen, last_seen, version";

    private final DataSource dataSource;
    private final long turns;
    private final int sessions;
    private final int days;
    private final int agents;
    private final double lateFraction;

    BenchData(DataSource dataSource, long turns, int sessions, int days, int agents, double lateFraction) {
        this.dataSource = dataSource;
        this.turns = turns;
        this.sessions = sessions;
        this.days = days;
        this.agents = agents;
        this.lateFraction = lateFraction;
    }

    Instant start() {
        return END.minus(Duration.ofDays(days));
    }

    /** Generates and loads everything; returns how long it took. */
    Duration seed() throws SQLException {
        long began = System.nanoTime();
        List<String> rebuild = dropKeysAndIndexes();
        long[] schedule = schedule();
        log("schedule of %,d turns ready", schedule.length);
        load(schedule);
        log("loaded; rebuilding %d keys and indexes", rebuild.size());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '1GB'");
            for (String ddl : rebuild) {
                long t = System.nanoTime();
                s.execute(ddl);
                log("  %s (%.0f s)", ddl.length() > 100 ? ddl.substring(0, 100) + "..." : ddl,
                        (System.nanoTime() - t) / 1e9);
            }
        }
        vacuum();
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /**
     * Sets the visibility maps and statistics, as autovacuum would in time: after the load, and after a migration that
     * rewrote a table (index-only scans visit the heap until then, which is not the steady state being measured).
     */
    void vacuum() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("VACUUM (ANALYZE) " + table);
            }
        }
    }

    /** One long per turn, sorted by time: occurred_at ms since start (33 bits), session (20), turn index (10). */
    private long[] schedule() {
        SplittableRandom random = new SplittableRandom(11);
        long span = Duration.ofDays(days).toMillis();
        long perSession = turns / sessions;
        long[] out = new long[(int) turns];
        int n = 0;
        for (int s = 0; s < sessions && n < turns; s++) {
            int count = (int) Math.min(turns - n, s == sessions - 1 ? turns - n
                    : Math.max(1, perSession / 5 + random.nextLong(perSession * 8 / 5 + 1)));
            count = Math.min(count, 1023);
            boolean slow = random.nextInt(50) == 0;
            long gapMax = slow ? 3_600_000 : 120_000;
            long start = random.nextLong(Math.max(1, span - count * gapMax / 2));
            long at = start;
            for (int i = 0; i < count && n < turns; i++) {
                at += 500 + random.nextLong(gapMax);
                if (at >= span) {
                    at = span - 1 - random.nextLong(1000);
                }
                out[n++] = (at << 30) | ((long) s << 10) | i;
            }
        }
        // top up to the exact count with turns of random sessions
        while (n < turns) {
            out[n++] = (random.nextLong(span) << 30) | ((long) random.nextInt(sessions) << 10) | 1023;
        }
        Arrays.sort(out);
        return out;
    }

    private void load(long[] schedule) throws SQLException {
        PriceBook book = PriceBook.loadShipped();
        Map<String, Optional<ModelPrice>> prices = new HashMap<>();
        for (String[] m : MODELS) {
            prices.put(m[0], book.find(TENANT, m[1], m[0], start()));
        }
        long startMs = start().toEpochMilli();
        Windows[] windows = {new Windows(WindowSize.ONE_MINUTE), new Windows(WindowSize.ONE_HOUR),
                new Windows(WindowSize.ONE_DAY)};
        Map<Integer, SessionState> sessionStates = new HashMap<>(sessions * 2);
        try (Copy turnCopy = new Copy(dataSource.getConnection(), "turns", TURN_COLUMNS);
             Copy modelCopy = new Copy(dataSource.getConnection(), "model_rollups", "tenant_id, window_size,"
                     + " window_start, window_end, project, provider, model, " + FIGURE_COLUMNS);
             Copy agentCopy = new Copy(dataSource.getConnection(), "agent_rollups", "tenant_id, window_size,"
                     + " window_start, window_end, agent, " + FIGURE_COLUMNS);
             Copy toolCopy = new Copy(dataSource.getConnection(), "tool_rollups", "tenant_id, window_size,"
                     + " window_start, window_end, tool, tool_calls, tool_duration_ms, tool_input_tokens,"
                     + " tool_output_tokens, " + FIGURE_COLUMNS)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < schedule.length; i++) {
                long packed = schedule[i];
                long at = startMs + (packed >>> 30);
                int session = (int) ((packed >>> 10) & 0xFFFFF);
                int index = (int) (packed & 0x3FF);
                BenchTurn t = turn(i, at, session, index, prices);
                writeTurn(turnCopy, t);
                SessionState state = sessionStates.computeIfAbsent(session, k -> new SessionState());
                state.add(t);
                if (!t.late) {
                    for (Windows w : windows) {
                        w.add(t, modelCopy, agentCopy, toolCopy);
                    }
                }
                if (i % 1_000_000 == 999_999) {
                    log("  %,d turns (%.0f s)", i + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
            for (Windows w : windows) {
                w.flush(modelCopy, agentCopy, toolCopy);
            }
            log("rollups: model %,d, agent %,d, tool %,d rows", modelCopy.rows(), agentCopy.rows(), toolCopy.rows());
        }
        try (Copy sessionCopy = new Copy(dataSource.getConnection(), "session_rollups", "tenant_id, session_id,"
                + " project, agent, user_id, recording_id, context_peak_tokens, context_max_tokens, models, "
                + FIGURE_COLUMNS)) {
            for (Map.Entry<Integer, SessionState> e : sessionStates.entrySet()) {
                SessionState s = e.getValue();
                sessionCopy.add(TENANT).add(sessionId(e.getKey())).add(s.project).add(s.agent).add(s.user)
                        .add(s.recording).add(s.contextPeak).add(s.contextPeak == null ? null : 200_000L)
                        .add(s.modelsJson());
                figures(sessionCopy, s.figures);
                sessionCopy.end();
            }
        }
    }

    /** Deterministic attributes of turn {@code n} of the schedule. */
    private BenchTurn turn(int n, long at, int session, int index, Map<String, Optional<ModelPrice>> prices) {
        SplittableRandom r = new SplittableRandom(n * 0x9E3779B97F4A7C15L + 17);
        SplittableRandom s = new SplittableRandom(session * 31L + 7);
        BenchTurn t = new BenchTurn();
        t.eventId = "e" + n;
        t.occurredAtMs = at;
        t.session = session;
        t.turnIndex = index;
        int primary = s.nextInt(MODELS.length);
        String[] model = MODELS[r.nextInt(10) < 8 ? primary : r.nextInt(MODELS.length)];
        t.model = model[0];
        t.provider = model[1];
        t.agent = "agent-" + s.nextInt(agents);
        t.project = "project-" + s.nextInt(8);
        t.user = "user-" + s.nextInt(500);
        t.recording = s.nextInt(100) == 0 ? "rec-" + session : null;
        t.error = r.nextInt(50) == 0;
        t.durationMs = r.nextInt(40) == 0 ? null : (long) Math.exp(5.5 + r.nextDouble() * 5.5);
        long input = (long) Math.exp(7 + r.nextDouble() * 5);
        Long cacheRead = r.nextInt(20) == 0 ? null : r.nextBoolean() ? input * 6 / 10 : 0L;
        Long cacheWrite = r.nextInt(20) == 0 ? null : r.nextInt(5) == 0 ? input / 10 : 0L;
        Long output = r.nextInt(33) == 0 ? null : (long) (50 + r.nextInt(4000));
        Long reasoning = output == null || r.nextInt(3) != 0 ? null : output / 3;
        t.tokens[0] = input;
        t.tokens[1] = output;
        t.tokens[2] = cacheRead;
        t.tokens[3] = cacheWrite;
        t.tokens[4] = r.nextInt(10) == 0 ? 0L : null;
        t.tokens[5] = reasoning;
        t.tokens[6] = output != null && r.nextBoolean() ? input + output : null;
        t.contextUsed = r.nextInt(5) == 0 ? null : input;
        int tools = r.nextInt(10) < 4 ? 0 : 1 + r.nextInt(3);
        t.toolNames = new String[tools];
        t.toolCalls = new Integer[tools];
        t.toolDurations = new Long[tools];
        for (int i = 0; i < tools; i++) {
            t.toolNames[i] = TOOLS[r.nextInt(TOOLS.length)];
            t.toolCalls[i] = 1 + r.nextInt(3);
            t.toolDurations[i] = (long) r.nextInt(3000);
        }
        t.team = TEAMS[s.nextInt(TEAMS.length)];
        t.env = r.nextInt(10) == 0 ? "dev" : "prod";
        t.promptHash = r.nextInt(10) < 3 ? "p" + r.nextInt(20_000) : null;
        t.late = r.nextDouble() < lateFraction;
        Usage usage = new Usage(t.tokens[0], t.tokens[1], t.tokens[2], t.tokens[3], t.tokens[4], t.tokens[5],
                t.tokens[6]);
        TurnCost cost = CostEngine.price(usage, null, prices.get(t.model));
        t.costStatus = cost.status().wireName();
        t.costUsd = cost.totalUsd();
        t.computedCostUsd = cost.computedUsd();
        t.priceVersion = cost.priceVersion();
        return t;
    }

    private static void writeTurn(Copy c, BenchTurn t) throws SQLException {
        c.add(TENANT).add(t.eventId).add(Instant.ofEpochMilli(t.occurredAtMs)).add(sessionId(t.session))
                .add(t.model).add(t.provider).add(t.project).add(t.agent).add(t.user).add(t.turnIndex)
                .add(t.durationMs).add(t.error ? "error" : "ok").add(t.error ? "rate_limit" : null);
        for (Long v : t.tokens) {
            c.add(v);
        }
        c.add(t.contextUsed).add(t.contextUsed == null ? null : 200_000L).add(toolsJson(t)).add("{\"team\": \""
                + t.team + "\", \"env\": \"" + t.env + "\"}").add(t.promptHash).add(t.recording).add(t.costStatus)
                .add(t.costUsd).add(t.computedCostUsd).add(t.priceVersion).add(t.late ? "t" : "f");
        c.end();
    }

    private static String toolsJson(BenchTurn t) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < t.toolNames.length; i++) {
            if (i > 0) {
                json.append(", ");
            }
            json.append("{\"name\": \"").append(t.toolNames[i]).append("\", \"calls\": ").append(t.toolCalls[i])
                    .append(", \"duration_ms\": ").append(t.toolDurations[i]).append('}');
        }
        return json.append(']').toString();
    }

    static String sessionId(int session) {
        return "s" + session;
    }

    static void figures(Copy c, Figures f) {
        c.add(f.turns).add(f.errors);
        for (int k = 0; k < 7; k++) {
            c.add(f.coverage[k] == 0 ? null : f.sums[k]).add(f.coverage[k]);
        }
        c.add(f.cost).add(f.costTurns).add(f.unpriced).add(f.incomplete)
                .add(f.durationTurns == 0 ? null : f.durationSum).add(f.durationTurns == 0 ? null : f.durationMin)
                .add(f.durationTurns == 0 ? null : f.durationMax).add(f.durationTurns).add(f.sketchBytes())
                .add(f.quantile(0.5)).add(f.quantile(0.95)).add(f.quantile(0.99))
                .add(Instant.ofEpochMilli(f.firstSeen)).add(Instant.ofEpochMilli(f.lastSeen)).add(f.turns);
    }

    /** The open window of one size and its rollups per model, agent and tool key. */
    private static final class Windows {
        final WindowSize size;
        long start = Long.MIN_VALUE;
        final Map<List<String>, Figures> models = new HashMap<>();
        final Map<String, Figures> agents = new HashMap<>();
        final Map<String, Figures> tools = new HashMap<>();

        Windows(WindowSize size) {
            this.size = size;
        }

        void add(BenchTurn t, Copy model, Copy agent, Copy tool) throws SQLException {
            long window = Math.floorDiv(t.occurredAtMs, size.size().toMillis()) * size.size().toMillis();
            if (window != start) {
                flush(model, agent, tool);
                start = window;
            }
            models.computeIfAbsent(List.of(t.project, t.provider, t.model), k -> new Figures()).add(t);
            agents.computeIfAbsent(t.agent, k -> new Figures()).add(t);
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int i = 0; i < t.toolNames.length; i++) {
                Figures f = tools.computeIfAbsent(t.toolNames[i], k -> new Figures());
                if (seen.put(t.toolNames[i], i) == null) {
                    f.add(t);
                }
                f.addTool(t.toolCalls[i], t.toolDurations[i], null, null);
            }
        }

        void flush(Copy model, Copy agent, Copy tool) throws SQLException {
            if (start == Long.MIN_VALUE) {
                return;
            }
            Instant from = Instant.ofEpochMilli(start);
            Instant to = from.plus(size.size());
            for (Map.Entry<List<String>, Figures> e : models.entrySet()) {
                model.add(TENANT).add(size.label()).add(from).add(to).add(e.getKey().get(0)).add(e.getKey().get(1))
                        .add(e.getKey().get(2));
                figures(model, e.getValue());
                model.end();
            }
            for (Map.Entry<String, Figures> e : agents.entrySet()) {
                agent.add(TENANT).add(size.label()).add(from).add(to).add(e.getKey());
                figures(agent, e.getValue());
                agent.end();
            }
            for (Map.Entry<String, Figures> e : tools.entrySet()) {
                Figures f = e.getValue();
                tool.add(TENANT).add(size.label()).add(from).add(to).add(e.getKey()).add(f.toolCalls)
                        .add(f.toolDuration).add(f.toolInput).add(f.toolOutput);
                figures(tool, f);
                tool.end();
            }
            models.clear();
            agents.clear();
            tools.clear();
        }
    }

    /** A session's rollup while its turns go by. */
    private static final class SessionState {
        final Figures figures = new Figures();
        final Map<String, Long> models = new TreeMap<>();
        String project;
        String agent;
        String user;
        String recording;
        Long contextPeak;

        void add(BenchTurn t) {
            figures.add(t);
            models.merge(t.model, 1L, Long::sum);
            project = t.project;
            agent = t.agent;
            user = t.user;
            recording = t.recording != null ? t.recording : recording;
            if (t.contextUsed != null) {
                contextPeak = contextPeak == null ? t.contextUsed : Math.max(contextPeak, t.contextUsed);
            }
        }

        /** The per-model part, reduced to turn counts: the query API reads only the model names from it. */
        String modelsJson() {
            StringBuilder json = new StringBuilder("{");
            models.forEach((m, n) -> json.append(json.length() > 1 ? ", " : "").append('"').append(m)
                    .append("\": {\"turns\": ").append(n).append('}'));
            return json.append('}').toString();
        }
    }

    /** Drops every index and key of the loaded tables; returns the DDL that rebuilds them. */
    private List<String> dropKeysAndIndexes() throws SQLException {
        List<String> rebuild = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                List<String[]> constraints = new ArrayList<>();
                try (ResultSet rows = s.executeQuery("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE conrelid = '" + table + "'::regclass AND contype IN ('p', 'u')")) {
                    while (rows.next()) {
                        constraints.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
                List<String[]> indexes = new ArrayList<>();
                try (ResultSet rows = s.executeQuery("SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
                        + " JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = '" + table + "'::regclass"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)")) {
                    while (rows.next()) {
                        indexes.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
                for (String[] k : constraints) {
                    s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + k[0]);
                    rebuild.add("ALTER TABLE " + table + " ADD CONSTRAINT " + k[0] + " " + k[1]);
                }
                for (String[] i : indexes) {
                    s.execute("DROP INDEX " + i[0]);
                    // A partitioned table's index reads "ON ONLY turns": that would build no partition's index.
                    rebuild.add(i[1].replace(" ON ONLY ", " ON "));
                }
            }
        }
        return rebuild;
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }
}
