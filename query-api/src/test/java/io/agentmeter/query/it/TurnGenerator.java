package io.agentmeter.query.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.Prompt;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.priced.PricedTurn;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic test turns with everything that makes metering hard: unknown counts (null, never 0), unpriced models,
 * reported costs, errors, missing durations, repeated tool entries, labels, shared prompts across models, late turns
 * and turns beyond the dedupe horizon. Priced by the one cost engine with the shipped price book.
 */
public final class TurnGenerator {

    public static final PriceBook PRICES = PriceBook.loadShipped();
    public static final String[][] MODELS = {
            {"gpt-5", "openai"}, {"claude-sonnet-4-5", "anthropic"}, {"gpt-4o-mini", null},
            {"my-local-model", "local"}};
    public static final String[] AGENTS = {"planner", "coder", "reviewer", null};
    public static final String[] PROJECTS = {"alpha", "beta", null};
    public static final String[] TOOLS = {"bash", "read", "edit"};

    private final Random random;
    private final String tenant;

    public TurnGenerator(String tenant, long seed) {
        this.tenant = tenant;
        this.random = new Random(seed);
    }

    /**
     * {@code sessions} sessions of up to {@code maxTurns} turns each, starting at random times in [start, start +
     * spanHours), a turn every few seconds to minutes.
     */
    public List<GeneratedTurn> sessions(int sessions, int maxTurns, Instant start, int spanHours) {
        List<GeneratedTurn> out = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String sessionId = tenant + "-s" + s;
            Instant at = start.plusSeconds(random.nextInt(spanHours * 3600));
            String project = pick(PROJECTS);
            String agent = pick(AGENTS);
            String recording = s % 7 == 0 ? tenant + "-rec" + (s % 3) : null;
            int turns = 1 + random.nextInt(maxTurns);
            for (int i = 0; i < turns; i++) {
                at = at.plusMillis(500 + random.nextInt(random.nextInt(10) == 0 ? 3_600_000 : 120_000));
                out.add(turn(sessionId, i, at, project, random.nextInt(5) == 0 ? pick(AGENTS) : agent, recording));
            }
        }
        return out;
    }

    private GeneratedTurn turn(String sessionId, int index, Instant at, String project, String agent,
                               String recording) {
        String[] model = MODELS[random.nextInt(MODELS.length)];
        Usage usage = random.nextInt(15) == 0 ? null : usage();
        BigDecimal reported = random.nextInt(12) == 0
                ? new BigDecimal(random.nextInt(100_000)).movePointLeft(7) : null;
        Long duration = random.nextInt(10) == 0 ? null : (long) (200 + random.nextInt(20_000));
        boolean error = random.nextInt(20) == 0;
        Map<String, String> labels = null;
        if (random.nextInt(4) != 0) {
            labels = new LinkedHashMap<>();
            labels.put("team", random.nextBoolean() ? "payments" : "search");
            if (random.nextBoolean()) {
                labels.put("env", random.nextInt(3) == 0 ? "" : "prod");
            }
        }
        ObjectNode params = Json.mapper().createObjectNode().put("temperature", random.nextInt(10) / 10.0)
                .put("max_tokens", 4096);
        int promptNo = random.nextInt(25);
        Prompt prompt = random.nextInt(6) == 0 ? null
                : new Prompt("p" + promptNo, random.nextBoolean() ? "prompt text " + promptNo : null);
        ContextWindow context = random.nextInt(5) == 0 ? null
                : new ContextWindow((long) random.nextInt(150_000), 200_000L);
        TurnEvent event = new TurnEvent(1, tenant, tenant + "-" + sessionId + "-" + index + "-" + random.nextInt(1000),
                at, sessionId, model[0], model[1], project, agent, "user-" + random.nextInt(3), null, null,
                random.nextInt(10) == 0 ? null : index, null, duration, error ? "error" : (random.nextBoolean() ? "ok"
                : null), error ? "timeout" : null, usage, null, context, tools(), reported,
                random.nextInt(3) == 0 ? null : params, prompt, labels, recording);
        PricedTurn priced = new PricedTurn(event, CostEngine.price(event, PRICES), false);
        // Most turns arrive at once; some minutes late (late for the 1m windows), some hours late (1m, 1h and maybe
        // 1d), some days late (every window, and beyond the test's two-day dedupe horizon).
        int lateness = random.nextInt(40);
        Duration delay = switch (lateness) {
            case 0 -> Duration.ofMinutes(5 + random.nextInt(4));
            case 1 -> Duration.ofMinutes(90 + random.nextInt(60));
            case 2 -> Duration.ofHours(26 + random.nextInt(10));
            case 3 -> Duration.ofDays(3);
            default -> Duration.ZERO;
        };
        return new GeneratedTurn(priced, delay);
    }

    private Usage usage() {
        Long input = maybe(2_000 + random.nextInt(250_000));
        Long cacheRead = input != null && random.nextBoolean() ? Long.valueOf(input / 2) : maybe(0);
        if (cacheRead != null && input == null) {
            cacheRead = null;
        }
        Long cacheWrite = input != null && random.nextInt(4) == 0 ? Long.valueOf(input / 10) : null;
        Long cacheWrite1h = input != null && random.nextInt(8) == 0 ? Long.valueOf(input / 20) : null;
        Long output = maybe(10 + random.nextInt(8_000));
        Long reasoning = output != null && random.nextInt(3) == 0 ? Long.valueOf(output / 3) : null;
        Long total = input != null && output != null && random.nextBoolean() ? Long.valueOf(input + output) : null;
        return new Usage(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning, total);
    }

    private List<ToolUse> tools() {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return List.of();
        }
        List<ToolUse> uses = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            uses.add(new ToolUse(TOOLS[random.nextInt(TOOLS.length)], random.nextInt(4) == 0 ? null
                    : 1 + random.nextInt(4), random.nextBoolean() ? null : (long) random.nextInt(5000),
                    (long) random.nextInt(3000), random.nextInt(3) == 0 ? null : (long) random.nextInt(200)));
        }
        return uses;
    }

    private Long maybe(long value) {
        return random.nextInt(8) == 0 ? null : Long.valueOf(value);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
