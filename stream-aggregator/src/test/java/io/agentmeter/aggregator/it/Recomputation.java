package io.agentmeter.aggregator.it;

import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tables must hold, recomputed from the generated turns with plain arithmetic and none of the aggregator's
 * code: the cost rule of the two test models is simple enough to write out (no cache or reasoning rate, so cached
 * input is priced as input and reasoning as output; a reported cost wins; a missing input or output count makes the
 * cost incomplete; the unknown model is unpriced).
 */
final class Recomputation {

    static final String[] SIZES = {"1m", "1h", "1d"};
    static final long[] SIZE_MS = {60_000L, 3_600_000L, 86_400_000L};

    final Map<String, BigDecimal> costByEvent = new HashMap<>();
    final Map<String, String> statusByEvent = new HashMap<>();
    final Map<String, Acc> sessions = new HashMap<>();
    final Map<String, Acc> models = new HashMap<>();
    final Map<String, Acc> agents = new HashMap<>();
    final Map<String, Acc> tools = new HashMap<>();

    Recomputation(List<TurnEvent> distinct) {
        for (TurnEvent t : distinct) {
            String status = status(t);
            BigDecimal cost = cost(t, status);
            statusByEvent.put(t.tenantId() + "/" + t.eventId(), status);
            costByEvent.put(t.tenantId() + "/" + t.eventId(), cost);
            sessions.computeIfAbsent(t.tenantId() + "|" + t.sessionId(), k -> new Acc()).add(t, status, cost, null);
            for (int s = 0; s < SIZES.length; s++) {
                String window = SIZES[s] + "|" + windowStart(t.occurredAt(), SIZE_MS[s]);
                models.computeIfAbsent(t.tenantId() + "|" + window + "|" + dim(t.project()) + "|" + dim(t.provider())
                        + "|" + t.model(), k -> new Acc()).add(t, status, cost, null);
                agents.computeIfAbsent(t.tenantId() + "|" + window + "|" + dim(t.agent()), k -> new Acc())
                        .add(t, status, cost, null);
                if (t.tools() != null) {
                    for (ToolUse use : t.tools()) {
                        tools.computeIfAbsent(t.tenantId() + "|" + window + "|" + use.name(), k -> new Acc())
                                .add(t, status, cost, use);
                    }
                }
            }
        }
    }

    static String dim(String value) {
        return value == null ? "" : value;
    }

    static Instant windowStart(Instant at, long sizeMs) {
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), sizeMs) * sizeMs);
    }

    static String status(TurnEvent t) {
        if (t.reportedCostUsd() != null) {
            return "reported";
        }
        if (TurnGenerator.UNKNOWN.equals(t.model())) {
            return "unpriced";
        }
        Usage u = t.usage();
        return u.inputTokens() == null || u.outputTokens() == null ? "incomplete" : "priced";
    }

    static BigDecimal cost(TurnEvent t, String status) {
        return switch (status) {
            case "reported" -> t.reportedCostUsd();
            case "priced" -> {
                boolean a = TurnGenerator.PRICED_A.equals(t.model());
                BigDecimal in = a ? TurnGenerator.A_IN : TurnGenerator.B_IN;
                BigDecimal out = a ? TurnGenerator.A_OUT : TurnGenerator.B_OUT;
                yield in.multiply(BigDecimal.valueOf(t.usage().inputTokens()))
                        .add(out.multiply(BigDecimal.valueOf(t.usage().outputTokens())));
            }
            default -> null;
        };
    }

    Map<String, Figures> figures(Map<String, Acc> accs) {
        Map<String, Figures> out = new HashMap<>();
        accs.forEach((k, v) -> out.put(k, v.figures()));
        return out;
    }

    static final class Acc {
        long turns, errors, inputTurns, outputTurns, cacheReadTurns, costTurns, unpriced, incomplete, durationTurns;
        Long inputSum, outputSum, cacheReadSum, durationSum, durationMin, durationMax, toolCalls;
        BigDecimal cost;

        void add(TurnEvent t, String status, BigDecimal turnCost, ToolUse tool) {
            turns++;
            if ("error".equals(t.status())) {
                errors++;
            }
            Usage u = t.usage();
            if (u.inputTokens() != null) {
                inputSum = (inputSum == null ? 0 : inputSum) + u.inputTokens();
                inputTurns++;
            }
            if (u.outputTokens() != null) {
                outputSum = (outputSum == null ? 0 : outputSum) + u.outputTokens();
                outputTurns++;
            }
            if (u.cacheReadTokens() != null) {
                cacheReadSum = (cacheReadSum == null ? 0 : cacheReadSum) + u.cacheReadTokens();
                cacheReadTurns++;
            }
            if (turnCost != null) {
                cost = cost == null ? turnCost : cost.add(turnCost);
                costTurns++;
            }
            if (status.equals("unpriced")) {
                unpriced++;
            }
            if (status.equals("incomplete")) {
                incomplete++;
            }
            if (t.durationMs() != null) {
                long d = t.durationMs();
                durationSum = (durationSum == null ? 0 : durationSum) + d;
                durationMin = durationMin == null ? d : Math.min(durationMin, d);
                durationMax = durationMax == null ? d : Math.max(durationMax, d);
                durationTurns++;
            }
            if (tool != null && tool.calls() != null) {
                toolCalls = (toolCalls == null ? 0 : toolCalls) + tool.calls();
            }
        }

        Figures figures() {
            return new Figures(turns, errors, inputSum, inputTurns, outputSum, outputTurns, cacheReadSum,
                    cacheReadTurns, cost, costTurns, unpriced, incomplete, durationSum, durationMin, durationMax,
                    durationTurns, toolCalls);
        }
    }
}
