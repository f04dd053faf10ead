package io.agentmeter.query.oracle;

import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.Prompt;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The oracle's workload, all of it derived from one seed and one reference instant: sessions of two tenants spread
 * over 0–400 days before {@code now}, sent in random order with 10% identical copies and 2% conflicting copies
 * (same event id and session, another {@code occurred_at} or other token counts; always sent after the first copy,
 * which must win), and a slice of old history sent a second time at the end (the same import run twice).
 *
 * <p>What the turns say is deliberately awkward: models with and without a price (cost unknown, never $0), token
 * counts and whole usage blocks missing (NULL, never 0), reported costs, errors, tools (repeated entries), agents that
 * change within a session, users. No turn carries an explicit {@code recording_id}: recordings are decided by time
 * ({@link RecordingScript}).
 */
final class OracleWorkload {

    static final String ACME = "acme";
    static final String GLOBEX = "globex";

    private static final String[][] MODELS = {
            {"gpt-5", "openai"}, {"claude-sonnet-4-5", "anthropic"}, {"gpt-4o-mini", null},
            {"my-local-model", "local"}, {"mystery-model-x", null}};
    private static final String[] AGENTS = {"planner", "coder", "reviewer", null};
    private static final String[] PROJECTS = {"alpha", "beta", null};
    private static final String[] USERS = {"user-0", "user-1", "user-2", null};
    private static final String[] TOOLS = {"bash", "read", "edit"};

    final long seed;
    final Instant now;
    /** The first copy of every distinct (tenant, event id), keyed {@code tenant|event_id}. */
    final Map<String, TurnEvent> firstCopies = new LinkedHashMap<>();
    /** Every record of the main workload in send order: first copies, identical and conflicting copies. */
    final List<TurnEvent> sendOrder;
    /** The old slice sent a second time, at the end. */
    final List<TurnEvent> reimport;
    final RecordingScript recordings;
    int identicalCopies;
    int conflictingCopies;

    private final Random random;

    OracleWorkload(long seed, Instant now, int acmeSessions, int globexSessions) {
        this.seed = seed;
        this.now = now;
        this.random = new Random(seed);
        List<TurnEvent> originals = new ArrayList<>();
        originals.addAll(sessions(ACME, acmeSessions));
        originals.addAll(sessions(GLOBEX, globexSessions));
        originals.forEach(t -> firstCopies.put(key(t), t));
        sendOrder = withCopies(originals);
        reimport = new ArrayList<>(originals.stream()
                .filter(t -> t.tenantId().equals(GLOBEX) && t.occurredAt().isBefore(now.minus(Duration.ofDays(100))))
                .toList());
        java.util.Collections.shuffle(reimport, random);
        recordings = new RecordingScript(ACME, now, this);
        recordings.allTurns().forEach(t -> firstCopies.put(key(t), t));
    }

    static String key(TurnEvent t) {
        return t.tenantId() + "|" + t.eventId();
    }

    int distinctTurns() {
        return firstCopies.size();
    }

    /**
     * Sessions starting at random times: most 1–399 days before {@code now} (imported history), a fifth in the last
     * day. A session runs at most about three hours, so every turn lies in [now − 400 days, now − 1 hour).
     */
    private List<TurnEvent> sessions(String tenant, int count) {
        List<TurnEvent> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            String sessionId = tenant + "-s" + s;
            long startSeconds = random.nextInt(5) == 0
                    ? 3 * 3600 + random.nextInt(20 * 3600)
                    : 86_400L + (long) (random.nextDouble() * 398 * 86_400L);
            Instant at = now.minusSeconds(startSeconds).plusMillis(random.nextInt(1000));
            String project = pick(PROJECTS);
            String agent = pick(AGENTS);
            String user = pick(USERS);
            int turns = 1 + random.nextInt(30);
            for (int i = 0; i < turns; i++) {
                at = at.plusMillis(500 + random.nextInt(random.nextInt(10) == 0 ? 600_000 : 120_000));
                String turnAgent = random.nextInt(5) == 0 ? pick(AGENTS) : agent;
                out.add(turn(tenant, sessionId, tenant + "-" + sessionId + "-" + i, i, at, project, turnAgent, user,
                        MODELS[random.nextInt(MODELS.length)]));
            }
        }
        return out;
    }

    TurnEvent turn(String tenant, String sessionId, String eventId, int index, Instant at, String project,
                   String agent, String user, String[] model) {
        Usage usage = random.nextInt(15) == 0 ? null : usage();
        BigDecimal reported = random.nextInt(12) == 0
                ? new BigDecimal(random.nextInt(100_000)).movePointLeft(7) : null;
        Long duration = random.nextInt(10) == 0 ? null : (long) (200 + random.nextInt(20_000));
        boolean error = random.nextInt(20) == 0;
        Map<String, String> labels = random.nextInt(3) == 0 ? null
                : Map.of("team", random.nextBoolean() ? "payments" : "search");
        Prompt prompt = random.nextInt(6) == 0 ? null : new Prompt("p" + random.nextInt(25), null);
        ContextWindow context = random.nextInt(5) == 0 ? null
                : new ContextWindow((long) random.nextInt(150_000), 200_000L);
        return new TurnEvent(1, tenant, eventId, at, sessionId, model[0], model[1], project, agent, user, null, null,
                random.nextInt(10) == 0 ? null : index, null, duration,
                error ? "error" : (random.nextBoolean() ? "ok" : null), error ? "timeout" : null, usage, null,
                context, tools(), reported, null, prompt, labels, null);
    }

    TurnEvent turn(String tenant, String sessionId, String eventId, int index, Instant at, String user,
                   int modelIndex) {
        return turn(tenant, sessionId, eventId, index, at, "alpha", "coder", user, MODELS[modelIndex]);
    }

    /**
     * The original turns in random order, each identical copy and conflicting copy placed at a random position after
     * its original (so the original is the first copy the system sees).
     */
    private List<TurnEvent> withCopies(List<TurnEvent> originals) {
        List<TurnEvent> shuffled = new ArrayList<>(originals);
        java.util.Collections.shuffle(shuffled, random);
        record Placed(double position, TurnEvent turn) {
        }
        List<Placed> placed = new ArrayList<>();
        int n = shuffled.size();
        for (int i = 0; i < n; i++) {
            TurnEvent t = shuffled.get(i);
            placed.add(new Placed(i, t));
            int dice = random.nextInt(100);
            if (dice < 10) {
                placed.add(new Placed(i + 0.5 + random.nextDouble() * (n - i), t));
                identicalCopies++;
            } else if (dice < 12) {
                placed.add(new Placed(i + 0.5 + random.nextDouble() * (n - i), conflicting(t)));
                conflictingCopies++;
            }
        }
        placed.sort(Comparator.comparingDouble(Placed::position));
        return placed.stream().map(Placed::turn).toList();
    }

    /**
     * Same event id and session; another time or other token counts. The other time is recent (1 hour to 2 days ago),
     * as when the README's {@code hello-1} is sent again with the current time: the copy is then inside any horizon
     * while its first copy, mostly months old, is not.
     */
    private TurnEvent conflicting(TurnEvent t) {
        if (random.nextBoolean()) {
            Instant other = now.minus(Duration.ofMinutes(60 + random.nextInt(47 * 60)));
            return new TurnEvent(t.schemaVersion(), t.tenantId(), t.eventId(), other, t.sessionId(), t.model(),
                    t.provider(), t.project(), t.agent(), t.userId(), t.conversationId(), t.threadId(), t.turnIndex(),
                    t.startedAt(), t.durationMs(), t.status(), t.errorType(), t.usage(), t.tokenBreakdown(),
                    t.context(), t.tools(), t.reportedCostUsd(), t.params(), t.prompt(), t.labels(), t.recordingId());
        }
        Usage u = t.usageOrUnknown();
        Usage other = new Usage(plus(u.inputTokens(), 7_777), plus(u.outputTokens(), 333), u.cacheReadTokens(),
                u.cacheWriteTokens(), u.cacheWrite1hTokens(), u.reasoningTokens(), u.totalTokens());
        return new TurnEvent(t.schemaVersion(), t.tenantId(), t.eventId(), t.occurredAt(), t.sessionId(), t.model(),
                t.provider(), t.project(), t.agent(), t.userId(), t.conversationId(), t.threadId(), t.turnIndex(),
                t.startedAt(), t.durationMs(), t.status(), t.errorType(), other, t.tokenBreakdown(), t.context(),
                t.tools(), t.reportedCostUsd(), t.params(), t.prompt(), t.labels(), t.recordingId());
    }

    private static Long plus(Long value, long add) {
        return value == null ? Long.valueOf(add) : Long.valueOf(value + add);
    }

    private Usage usage() {
        Long input = maybe(2_000 + random.nextInt(250_000));
        Long cacheRead = input != null && random.nextBoolean() ? Long.valueOf(input / 2) : null;
        Long cacheWrite = input != null && random.nextInt(4) == 0 ? Long.valueOf(input / 10) : null;
        Long cacheWrite1h = input != null && random.nextInt(8) == 0 ? Long.valueOf(input / 20) : null;
        Long output = maybe(10 + random.nextInt(8_000));
        Long reasoning = output != null && random.nextInt(3) == 0 ? Long.valueOf(output / 3) : null;
        Long total = input != null && output != null && random.nextBoolean() ? Long.valueOf(input + output) : null;
        return new Usage(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning, total);
    }

    private List<ToolUse> tools() {
        int kind = random.nextInt(5);
        if (kind == 0) {
            return null;
        }
        List<ToolUse> uses = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            uses.add(new ToolUse(TOOLS[random.nextInt(TOOLS.length)], 1 + random.nextInt(4),
                    random.nextBoolean() ? null : (long) random.nextInt(5000), null, null));
        }
        return uses;
    }

    private Long maybe(long value) {
        return random.nextInt(8) == 0 ? null : Long.valueOf(value);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Counts for the log line that makes a run reproducible. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("seed", seed);
        d.put("now", now);
        d.put("distinct_turns", distinctTurns());
        d.put("records_main", sendOrder.size());
        d.put("identical_copies", identicalCopies);
        d.put("conflicting_copies", conflictingCopies);
        d.put("reimported", reimport.size());
        Map<String, Integer> perTenant = new HashMap<>();
        firstCopies.values().forEach(t -> perTenant.merge(t.tenantId(), 1, Integer::sum));
        d.put("per_tenant", perTenant);
        return d;
    }
}
