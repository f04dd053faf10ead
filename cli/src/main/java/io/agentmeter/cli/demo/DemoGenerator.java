package io.agentmeter.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.cli.importer.EventIds;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.Prompt;
import io.agentmeter.schema.event.TokenBreakdown;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulated agent teams: planner, researcher, coder, reviewer and summarizer working on tasks, evaluators sending the
 * same benchmark prompt to every model, and long research sessions whose context grows past 200k tokens.
 *
 * <p>Turns look like real ones: token counts drawn log-normally around each role's median; a context that grows turn
 * by turn with the tool results and answers; prompt caching as each provider does it (Anthropic's cache reads and
 * 5-minute / 1-hour writes, OpenAI's automatic 128-token-step reads, Gemini's implicit reads); reasoning tokens (part
 * of the output) for reasoning models; tool calls with durations; about 3% errors (rate limits, overload, timeouts);
 * some sessions going through a proxy that reports its own cost. Everything is drawn from one {@link Random} seeded
 * with the seed, so a seed (and anchor time) always gives the same turns.
 */
public final class DemoGenerator {

    /** Share of turns that fail. */
    static final double ERROR_RATE = 0.03;
    private static final Duration ANTHROPIC_TTL = Duration.ofMinutes(5);
    private static final Duration ANTHROPIC_TTL_1H = Duration.ofHours(1);
    private static final Duration OPENAI_TTL = Duration.ofMinutes(10);
    private static final String RECORDING_USER = "u-demo-recorder";
    private static final int RECORDING_PROMPTS = 3;

    private final long seed;
    private final Random rnd;
    private final PriceBook book;
    private int sessionNo;
    /** When the proxy sessions' costs are looked up in the price book. */
    private Instant pricedAt = Instant.parse("2025-01-01T00:00:00Z");

    public DemoGenerator(long seed, PriceBook book) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.book = book;
    }

    /**
     * The plan of a run.
     *
     * @param turns       turns in all
     * @param liveTurns   of those, how many are sent live (timed when sent); the rest are spread over {@code history}
     * @param anchor      the end of the historic span: no historic turn occurs after it
     * @param history     how far back historic turns go (zero: every turn is live)
     * @param recordings  whether the live part records two runs of the same prompts on two models
     */
    public DemoPlan plan(int turns, int liveTurns, Instant anchor, Duration history, boolean recordings) {
        pricedAt = anchor;
        int live = history.isZero() ? turns : Math.min(turns, liveTurns);
        boolean record = recordings && live >= 2 * RECORDING_PROMPTS + 2;
        List<TurnEvent> historic = placeHistoric(sessions(turns - live), anchor, history);
        List<DemoPlan.LiveStep> steps = new ArrayList<>(liveSteps(sessions(live - (record ? 2 * RECORDING_PROMPTS : 0)),
                anchor));
        if (record) {
            steps.addAll(steps.size() / 3, recordingSteps(anchor));
        }
        return new DemoPlan(historic, steps);
    }

    /** The same seed as this generator, for ids. */
    public long seed() {
        return seed;
    }

    // ---- sessions ------------------------------------------------------------------------------------------

    /** A generated turn, without its time: its end and duration relative to the session's start. */
    record SimTurn(TurnBuilder turn, long endMs, long durationMs) {
    }

    private List<List<SimTurn>> sessions(int turns) {
        List<List<SimTurn>> sessions = new ArrayList<>();
        int left = turns;
        while (left > 0) {
            double kind = rnd.nextDouble();
            List<SimTurn> session = kind < 0.70 ? taskSession() : kind < 0.88 ? comparisonSession()
                    : researchSession();
            if (session.size() > left) {
                session = new ArrayList<>(session.subList(0, left));
            }
            sessions.add(session);
            left -= session.size();
        }
        return sessions;
    }

    /** One session of the demo: who, where, and the turns made so far. */
    private final class Session {
        final int number = ++sessionNo;
        final String id = "demo-" + seed + "-s" + number;
        final String project = pick(DemoCatalog.PROJECTS);
        final String userId = pick(DemoCatalog.USERS);
        final String team = pick(DemoCatalog.TEAMS);
        final String env = rnd.nextDouble() < 0.8 ? "prod" : "staging";
        final boolean cacheOneHour = rnd.nextDouble() < 0.3;
        final boolean viaProxy = rnd.nextDouble() < 0.1;
        final List<SimTurn> turns = new ArrayList<>();
        long clockMs;
        /** Recordings compare answers, not luck: their turns do not fail. */
        boolean noErrors;
    }

    /** One agent's conversation within a session: its context grows turn by turn. */
    private static final class Thread {
        final DemoRole role;
        final DemoModel model;
        final String threadId;
        long system;
        long user;
        long assistant;
        long tools;
        long previousInput = -1;
        long lastEndMs = Long.MIN_VALUE;

        Thread(DemoRole role, DemoModel model, String threadId, long system) {
            this.role = role;
            this.model = model;
            this.threadId = threadId;
            this.system = system;
        }

        long input() {
            return system + user + assistant + tools;
        }
    }

    private List<SimTurn> taskSession() {
        Session s = new Session();
        String task = pick(DemoCatalog.TASKS);
        segment(s, DemoCatalog.PLANNER, task, 1 + rnd.nextInt(2), null);
        if (rnd.nextDouble() < 0.5) {
            segment(s, DemoCatalog.RESEARCHER, task, 1 + rnd.nextInt(3), null);
        }
        Thread coder = segment(s, DemoCatalog.CODER, task, 3 + rnd.nextInt(10), null);
        segment(s, DemoCatalog.REVIEWER, task, 1 + rnd.nextInt(3), null);
        if (rnd.nextDouble() < 0.5) {
            coder.user += lognormal(250, 0.5);
            for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
                turn(s, coder, i < n - 1, null, Map.of());
            }
        }
        segment(s, DemoCatalog.SUMMARIZER, task, 1, null);
        return s.turns;
    }

    private List<SimTurn> comparisonSession() {
        Session s = new Session();
        String prompt = pick(DemoCatalog.BENCHMARKS);
        List<DemoModel> models = new ArrayList<>(DemoCatalog.MODELS);
        for (DemoModel model : models) {
            if (rnd.nextDouble() < 0.85) {
                Thread thread = new Thread(DemoCatalog.EVALUATOR, model, null,
                        lognormal(DemoCatalog.EVALUATOR.systemTokens(), 0.2));
                thread.user += lognormal(120, 0.3);
                turn(s, thread, false, prompt, Map.of("benchmark", "b" + (DemoCatalog.BENCHMARKS.indexOf(prompt) + 1)));
                s.clockMs += lognormal(8_000, 0.6);
            }
        }
        return s.turns;
    }

    private List<SimTurn> researchSession() {
        Session s = new Session();
        String task = pick(DemoCatalog.TASKS);
        DemoModel model = DemoCatalog.model(rnd.nextBoolean() ? "claude-sonnet-4-5" : "gemini-2.5-pro");
        Thread thread = new Thread(DemoCatalog.RESEARCHER, model, "deep-research",
                lognormal(DemoCatalog.RESEARCHER.systemTokens(), 0.3));
        thread.user += lognormal(200, 0.4);
        int n = 18 + rnd.nextInt(20);
        for (int i = 0; i < n; i++) {
            String prompt = i == 0 ? "Research in depth, reading every source you find: " + task : null;
            turn(s, thread, i < n - 1, prompt, Map.of("mode", "deep-research"));
            thread.tools += lognormal(3_500, 0.6);
        }
        return s.turns;
    }

    /** A role's turns on the task: its first message, tool-calling turns, and a final answer. */
    private Thread segment(Session s, DemoRole role, String task, int turns, DemoModel forced) {
        DemoModel model = forced != null ? forced : DemoCatalog.model(weighted(role.models()));
        Thread thread = new Thread(role, model, role.name(), lognormal(role.systemTokens(), 0.25));
        thread.user += lognormal(150, 0.5);
        for (int i = 0; i < turns; i++) {
            String prompt = i == 0 ? role.promptTemplate().formatted(task) : null;
            turn(s, thread, !role.tools().isEmpty() && i < turns - 1, prompt, Map.of());
        }
        s.clockMs += lognormal(2_000, 0.5);
        return thread;
    }

    /** One turn of {@code thread} (and, on failure, the failed turn followed by its retry). */
    private void turn(Session s, Thread t, boolean callsTools, String promptText, Map<String, String> labels) {
        while (!s.noErrors && rnd.nextDouble() < ERROR_RATE) {
            errorTurn(s, t, labels);
        }
        long input = t.input();
        if (input > t.model.contextWindow()) {
            errorTurn(s, t, labels, "context_length_exceeded", lognormal(300, 0.4));
            t.assistant /= 10;
            t.tools /= 10;
            input = t.input();
        }
        long startMs = s.clockMs;
        long gapMs = t.previousInput >= 0 ? startMs - t.lastEndMs : Long.MAX_VALUE;

        long visible = Math.max(8, Math.min(12_000, lognormal(t.role.outputTokens() * t.model.verbosity()
                * (callsTools ? 0.5 : 1.0), 0.7)));
        long reasoning = 0;
        if (t.model.reasoning()) {
            double factor = switch (t.role.effort()) {
                case "high" -> 2.0;
                case "low" -> 0.3;
                default -> 0.9;
            };
            reasoning = Math.min(30_000, lognormal(visible * factor, 0.5));
        } else if ((t.role == DemoCatalog.PLANNER || t.role == DemoCatalog.CODER) && rnd.nextDouble() < 0.4) {
            visible += lognormal(400, 0.6);
        }
        long output = visible + reasoning;
        Usage usage = usage(s, t, input, output, t.model.reasoning() ? reasoning : null, gapMs);

        List<ToolUse> tools = new ArrayList<>();
        long toolResultTokens = 0;
        long toolMs = 0;
        if (callsTools) {
            Map<String, int[]> calls = new LinkedHashMap<>();
            int n = 1 + poisson(Math.max(0, t.role.toolCalls() - 1));
            for (int i = 0; i < n; i++) {
                calls.computeIfAbsent(weighted(t.role.tools()), k -> new int[1])[0]++;
            }
            for (Map.Entry<String, int[]> call : calls.entrySet()) {
                DemoTool tool = DemoCatalog.tool(call.getKey());
                int count = call.getValue()[0];
                long ms = 0;
                long tokens = 0;
                for (int i = 0; i < count; i++) {
                    ms += lognormal(tool.durationMs(), 0.8);
                    tokens += lognormal(tool.resultTokens(), 0.8);
                }
                long callTokens = count * lognormal(60, 0.5);
                tools.add(new ToolUse(tool.name(), count, ms, tokens, callTokens));
                toolResultTokens += tokens;
                toolMs += ms;
            }
        }
        long durationMs = lognormal(t.model.firstTokenMs() * (1 + input / 200_000.0), 0.4)
                + Math.round(output * 1000 / t.model.tokensPerSecond());
        long endMs = startMs + durationMs;

        TurnBuilder turn = base(s, t, labels)
                .durationMs(durationMs)
                .status(TurnEvent.STATUS_OK)
                .usage(usage)
                .tokenBreakdown(new TokenBreakdown(t.system, t.user, t.assistant, t.tools,
                        t.model.reasoning() ? reasoning : null))
                .context(new ContextWindow(input + output, t.model.contextWindow()))
                .tools(tools)
                .params(params(t))
                .prompt(promptText == null ? null : new Prompt(EventIds.sha256Hex(promptText), promptText));
        if (s.viaProxy) {
            TurnCost cost = CostEngine.price(usage, null, book.find(null, t.model.provider(), t.model.model(),
                    pricedAt));
            if (cost.hasTotal()) {
                turn.reportedCostUsd(cost.totalUsd().setScale(8, RoundingMode.HALF_UP).stripTrailingZeros());
            }
        }
        s.turns.add(new SimTurn(turn, endMs, durationMs));

        t.previousInput = input;
        t.lastEndMs = endMs;
        t.assistant += visible;
        t.tools += toolResultTokens;
        s.clockMs = endMs + toolMs + lognormal(1_500, 0.6);
    }

    /** Token counts as the model's provider reports them. */
    private Usage usage(Session s, Thread t, long input, long output, Long reasoning, long gapMs) {
        long cacheRead = 0;
        switch (t.model.cache()) {
            case ANTHROPIC -> {
                long uncached = 1 + rnd.nextInt(24);
                long write1h = 0;
                boolean warm = gapMs < ANTHROPIC_TTL.toMillis();
                if (warm) {
                    cacheRead = Math.max(0, Math.min(t.previousInput, input - uncached));
                } else if (s.cacheOneHour && gapMs < ANTHROPIC_TTL_1H.toMillis()) {
                    cacheRead = Math.max(0, Math.min(t.system, input - uncached));
                } else if (s.cacheOneHour) {
                    write1h = Math.max(0, Math.min(t.system, input - uncached));
                }
                long write5m = Math.max(0, input - uncached - cacheRead - write1h);
                return new Usage(input, output, cacheRead, write5m, write1h, null, null);
            }
            case OPENAI -> {
                if (gapMs < OPENAI_TTL.toMillis() && t.previousInput >= 1_024 && rnd.nextDouble() < 0.9) {
                    cacheRead = t.previousInput / 128 * 128;
                } else if (t.system >= 1_024 && rnd.nextDouble() < 0.5) {
                    cacheRead = t.system / 128 * 128;
                }
                return new Usage(input, output, Math.min(cacheRead, input), null, null, reasoning, input + output);
            }
            default -> {
                if (gapMs < OPENAI_TTL.toMillis() && t.previousInput >= 2_048 && rnd.nextDouble() < 0.7) {
                    cacheRead = Math.round(t.previousInput * (0.6 + 0.35 * rnd.nextDouble())) / 256 * 256;
                }
                return new Usage(input, output, Math.min(cacheRead, input), null, null, reasoning, input + output);
            }
        }
    }

    private void errorTurn(Session s, Thread t, Map<String, String> labels) {
        double kind = rnd.nextDouble();
        if (kind < 0.4) {
            errorTurn(s, t, labels, "rate_limit", lognormal(300, 0.4));
        } else if (kind < 0.6) {
            errorTurn(s, t, labels, t.model.cache() == DemoModel.CacheStyle.ANTHROPIC ? "overloaded" : "server_error",
                    lognormal(1_200, 0.5));
        } else if (kind < 0.85) {
            errorTurn(s, t, labels, "timeout", 60_000 + rnd.nextInt(60_000));
        } else {
            errorTurn(s, t, labels, "invalid_request", lognormal(250, 0.3));
        }
    }

    private void errorTurn(Session s, Thread t, Map<String, String> labels, String type, long durationMs) {
        long endMs = s.clockMs + durationMs;
        TurnBuilder turn = base(s, t, labels).durationMs(durationMs).status(TurnEvent.STATUS_ERROR).errorType(type)
                .params(params(t));
        s.turns.add(new SimTurn(turn, endMs, durationMs));
        s.clockMs = endMs + lognormal(2_000, 0.6);
    }

    private TurnBuilder base(Session s, Thread t, Map<String, String> labels) {
        int turnNo = s.turns.size();
        TurnBuilder turn = TurnBuilder.turn()
                .eventId("demo-" + seed + "-" + s.number + "-" + turnNo)
                .sessionId(s.id)
                .model(t.model.model())
                .provider(t.model.provider())
                .project(s.project)
                .agent(t.role.name())
                .userId(s.userId)
                .conversationId(s.id)
                .threadId(t.threadId)
                .turnIndex(turnNo)
                .label("demo", "true")
                .label("env", s.env)
                .label("team", s.team);
        labels.forEach(turn::label);
        if (s.viaProxy) {
            turn.label("via", "llm-proxy");
        }
        return turn;
    }

    private ObjectNode params(Thread t) {
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("temperature", t.role == DemoCatalog.CODER ? new BigDecimal("0.2") : new BigDecimal("0.7"));
        params.put("max_tokens", t.role == DemoCatalog.CODER ? 16_384 : 8_192);
        if (t.model.reasoning()) {
            params.put("reasoning_effort", t.role.effort());
        }
        return params;
    }

    // ---- placing turns in time ------------------------------------------------------------------------------

    private List<TurnEvent> placeHistoric(List<List<SimTurn>> sessions, Instant anchor, Duration history) {
        List<TurnEvent> turns = new ArrayList<>();
        for (List<SimTurn> session : sessions) {
            long lengthMs = session.isEmpty() ? 0 : session.get(session.size() - 1).endMs();
            long spanMs = Math.max(1, history.toMillis() - lengthMs - 60_000);
            Instant start = anchor.minusMillis(lengthMs + 60_000);
            for (int attempt = 0; attempt < 6; attempt++) {
                start = anchor.minus(history).plusMillis((long) (rnd.nextDouble() * spanMs));
                ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
                boolean workday = utc.getDayOfWeek().getValue() <= 5;
                boolean workHours = utc.getHour() >= 8 && utc.getHour() < 19;
                if (workday && workHours || rnd.nextDouble() < 0.15) {
                    break;
                }
            }
            for (SimTurn turn : session) {
                Instant end = start.plusMillis(turn.endMs());
                turns.add(turn.turn().occurredAt(end).startedAt(end.minusMillis(turn.durationMs())).build());
            }
        }
        turns.sort(Comparator.comparing(TurnEvent::occurredAt).thenComparing(TurnEvent::eventId));
        return turns;
    }

    /** Live sessions interleaved (up to three at a time) by their own pace; each turn timed when sent. */
    private List<DemoPlan.LiveStep> liveSteps(List<List<SimTurn>> sessions, Instant anchor) {
        record Timed(long at, int session, int index, SimTurn turn) {
        }
        List<Timed> timed = new ArrayList<>();
        long[] lanes = new long[3];
        for (int i = 0; i < sessions.size(); i++) {
            List<SimTurn> session = sessions.get(i);
            int lane = 0;
            for (int l = 1; l < lanes.length; l++) {
                if (lanes[l] < lanes[lane]) {
                    lane = l;
                }
            }
            long start = lanes[lane];
            for (int j = 0; j < session.size(); j++) {
                timed.add(new Timed(start + session.get(j).endMs(), i, j, session.get(j)));
            }
            lanes[lane] = start + (session.isEmpty() ? 0 : session.get(session.size() - 1).endMs());
        }
        timed.sort(Comparator.comparingLong(Timed::at).thenComparingInt(Timed::session).thenComparingInt(Timed::index));
        List<DemoPlan.LiveStep> steps = new ArrayList<>();
        for (Timed t : timed) {
            TurnEvent template = t.turn().turn().occurredAt(anchor)
                    .startedAt(anchor.minusMillis(t.turn().durationMs())).build();
            steps.add(new DemoPlan.LiveTurn(template, t.turn().durationMs()));
        }
        return steps;
    }

    /** Two recordings of the same benchmark prompts, one on gpt-5 and one on claude-sonnet-4-5. */
    private List<DemoPlan.LiveStep> recordingSteps(Instant anchor) {
        List<DemoPlan.LiveStep> steps = new ArrayList<>();
        for (String modelName : List.of("gpt-5", "claude-sonnet-4-5")) {
            DemoModel model = DemoCatalog.model(modelName);
            String recordingId = "demo-" + seed + "-rec-" + modelName;
            ObjectNode config = Json.mapper().createObjectNode();
            config.put("model", modelName);
            config.put("provider", model.provider());
            config.put("temperature", new BigDecimal("0.2"));
            steps.add(new DemoPlan.StartRecording(recordingId, "benchmark prompts on " + modelName, RECORDING_USER,
                    config));
            Session s = new Session();
            s.noErrors = true;
            for (int i = 0; i < RECORDING_PROMPTS; i++) {
                Thread thread = new Thread(DemoCatalog.CODER, model, "recording", lognormal(2_000, 0.2));
                thread.user += lognormal(150, 0.3);
                String prompt = DemoCatalog.BENCHMARKS.get(i);
                turn(s, thread, false, prompt, Map.of());
                SimTurn last = s.turns.get(s.turns.size() - 1);
                TurnEvent template = last.turn().userId(RECORDING_USER).label("experiment", "model-ab")
                        .occurredAt(anchor).startedAt(anchor.minusMillis(last.durationMs())).build();
                steps.add(new DemoPlan.LiveTurn(template, last.durationMs()));
            }
            steps.add(new DemoPlan.StopRecording(recordingId));
        }
        return steps;
    }

    // ---- random draws ---------------------------------------------------------------------------------------

    private long lognormal(double median, double sigma) {
        return Math.max(1, Math.round(median * Math.exp(sigma * rnd.nextGaussian())));
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = rnd.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= rnd.nextDouble();
            n++;
        }
        return n;
    }

    private <T> T pick(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    private String weighted(Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double point = rnd.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            last = e.getKey();
            point -= e.getValue();
            if (point < 0) {
                return last;
            }
        }
        return last;
    }
}
