package io.agentmeter.aggregator.it;

import io.agentmeter.pricing.ModelPriceUpdate;
import io.agentmeter.pricing.TokenRates;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates a reproducible workload: {@code count} distinct turns over two tenants, many sessions, two priced test
 * models and one unknown model, with errors, reported costs, tools and missing counts; and a send order in which
 * {@code duplicateShare} of the turns are sent twice and {@code displacedShare} arrive out of order (by at most
 * {@code maxDisplacement} positions, which stays well inside the grace at the generated event rate).
 */
public final class TurnGenerator {

    public static final String PRICED_A = "itest-a";
    public static final String PRICED_B = "itest-b";
    public static final String UNKNOWN = "itest-unknown";
    public static final String PROVIDER = "testprov";
    public static final BigDecimal A_IN = new BigDecimal("0.000001");
    public static final BigDecimal A_OUT = new BigDecimal("0.000002");
    public static final BigDecimal B_IN = new BigDecimal("0.000003");
    public static final BigDecimal B_OUT = new BigDecimal("0.000015");
    static final String[] TENANTS = {"acme", "globex"};
    static final String[] PROJECTS = {"p1", "p2", null};
    static final String[] AGENTS = {"planner", "coder", "reviewer", null};
    static final String[] TOOLS = {"search", "bash", "edit"};

    private TurnGenerator() {
    }

    /** The prices the test models are priced at, to publish on model-prices before the turns. */
    public static List<ModelPriceUpdate> prices() {
        return List.of(
                new ModelPriceUpdate(null, PRICED_A, PROVIDER, Instant.EPOCH, "itest-v1",
                        new TokenRates(A_IN, A_OUT, null, null, null, null), List.of()),
                new ModelPriceUpdate(null, PRICED_B, PROVIDER, Instant.EPOCH, "itest-v1",
                        new TokenRates(B_IN, B_OUT, null, null, null, null), List.of()));
    }

    /** {@code count} distinct turns, {@code spacingMillis} apart in event time starting at {@code start}. */
    public static List<TurnEvent> turns(long seed, int count, Instant start, long spacingMillis, int sessions) {
        Random random = new Random(seed);
        List<TurnEvent> turns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String tenant = TENANTS[random.nextInt(TENANTS.length)];
            String session = "s-" + random.nextInt(sessions);
            int m = random.nextInt(100);
            String model = m < 45 ? PRICED_A : m < 90 ? PRICED_B : UNKNOWN;
            Long input = random.nextInt(100) < 5 ? null : 100L + random.nextInt(5000);
            Long output = random.nextInt(100) < 5 ? null : 10L + random.nextInt(1000);
            Long cacheRead = input != null && random.nextInt(100) < 30 ? (long) random.nextInt((int) (input / 2) + 1)
                    : null;
            Long reasoning = output != null && random.nextInt(100) < 20 ? (long) random.nextInt((int) (output + 1))
                    : null;
            Long total = input != null && output != null && random.nextBoolean() ? input + output : null;
            Long duration = random.nextInt(100) < 90 ? 50L + random.nextInt(20_000) : null;
            boolean error = random.nextInt(100) < 5;
            BigDecimal reported = random.nextInt(100) < 10 ? new BigDecimal("0.0123") : null;
            List<ToolUse> tools = null;
            int toolCount = random.nextInt(3);
            if (toolCount > 0) {
                tools = new ArrayList<>();
                int first = random.nextInt(TOOLS.length);
                for (int t = 0; t < toolCount; t++) {
                    String name = TOOLS[(first + t) % TOOLS.length];
                    tools.add(new ToolUse(name, 1 + random.nextInt(3),
                            random.nextBoolean() ? (long) random.nextInt(5000) : null, null, null));
                }
            }
            Instant at = start.plusMillis(i * spacingMillis + random.nextInt((int) Math.max(1, spacingMillis)));
            turns.add(new TurnEvent(1, tenant, "e-" + seed + "-" + i, at, session, model, PROVIDER,
                    PROJECTS[random.nextInt(PROJECTS.length)], AGENTS[random.nextInt(AGENTS.length)], null, null,
                    null, null, null, duration, error ? "error" : "ok", error ? "rate_limit" : null,
                    new Usage(input, output, cacheRead, null, null, reasoning, total), null, null, tools, reported,
                    null, null, null, null));
        }
        return turns;
    }

    /**
     * The order to send {@code turns} in: every turn once, {@code duplicateShare} of them a second time up to
     * {@code maxDisplacement} positions later, and {@code displacedShare} of them moved up to that many positions
     * later (out of order).
     */
    public static List<TurnEvent> sendOrder(long seed, List<TurnEvent> turns, double duplicateShare,
                                            double displacedShare, int maxDisplacement) {
        Random random = new Random(seed + 1);
        record Slot(double position, TurnEvent turn) {
        }
        List<Slot> slots = new ArrayList<>(turns.size() * 12 / 10);
        for (int i = 0; i < turns.size(); i++) {
            double position = i;
            if (random.nextDouble() < displacedShare) {
                position += 1 + random.nextInt(maxDisplacement);
            }
            slots.add(new Slot(position, turns.get(i)));
            if (random.nextDouble() < duplicateShare) {
                slots.add(new Slot(i + 1 + random.nextInt(maxDisplacement) + 0.5, turns.get(i)));
            }
        }
        slots.sort(Comparator.comparingDouble(Slot::position));
        return slots.stream().map(Slot::turn).toList();
    }
}
