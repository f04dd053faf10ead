package io.agentmeter.query.it;

import io.agentmeter.pricing.CostStatus;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Figures computed in Java, turn by turn, from the generated turns: the independent answer every endpoint is checked
 * against. Nothing here reads the database.
 */
public final class Expected {

    public static final List<String> KINDS = List.of("input_tokens", "output_tokens", "cache_read_tokens",
            "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens", "total_tokens");

    public long turns;
    public long errors;
    public final Long[] tokens = new Long[KINDS.size()];
    public final long[] coverage = new long[KINDS.size()];
    public BigDecimal cost;
    public long costTurns;
    public long unpriced;
    public long incomplete;
    public final List<Long> durations = new ArrayList<>();

    public static Expected of(Collection<GeneratedTurn> turns) {
        Expected e = new Expected();
        turns.forEach(e::add);
        return e;
    }

    public void add(GeneratedTurn g) {
        TurnEvent t = g.turn();
        turns++;
        if ("error".equals(t.status())) {
            errors++;
        }
        Usage u = t.usageOrUnknown();
        Long[] counts = {u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(),
                u.cacheWrite1hTokens(), u.reasoningTokens(), u.totalTokens()};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != null) {
                tokens[i] = tokens[i] == null ? counts[i] : tokens[i] + counts[i];
                coverage[i]++;
            }
        }
        BigDecimal c = g.priced().cost().totalUsd();
        if (c != null) {
            cost = cost == null ? c : cost.add(c);
            costTurns++;
        }
        if (g.priced().cost().status() == CostStatus.UNPRICED) {
            unpriced++;
        }
        if (g.priced().cost().status() == CostStatus.INCOMPLETE) {
            incomplete++;
        }
        if (t.durationMs() != null) {
            durations.add(t.durationMs());
        }
    }

    public Long tokens(String kind) {
        return tokens[KINDS.indexOf(kind)];
    }

    public long coverage(String kind) {
        return coverage[KINDS.indexOf(kind)];
    }

    public static List<GeneratedTurn> select(List<GeneratedTurn> turns, Instant from, Instant to,
                                             Predicate<TurnEvent> filter) {
        List<GeneratedTurn> out = new ArrayList<>();
        for (GeneratedTurn g : turns) {
            Instant at = g.turn().occurredAt();
            if (!at.isBefore(from) && at.isBefore(to) && filter.test(g.turn())) {
                out.add(g);
            }
        }
        return out;
    }

    public static long distinct(Collection<GeneratedTurn> turns, Function<TurnEvent, Object> key) {
        return turns.stream().map(g -> key.apply(g.turn())).distinct().count();
    }

    /** True when {@code actual} is within DDSketch's 1% of a value at the quantile's rank in the exact durations. */
    public static boolean quantileClose(List<Long> values, double q, Double actual) {
        if (values.isEmpty()) {
            return actual == null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        double rank = q * (sorted.size() - 1);
        long low = sorted.get((int) Math.floor(rank));
        long high = sorted.get((int) Math.ceil(rank));
        return actual != null && actual >= low * 0.99 - 1e-9 && actual <= high * 1.01 + 1e-9;
    }
}
