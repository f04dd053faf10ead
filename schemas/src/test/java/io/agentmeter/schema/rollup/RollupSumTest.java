package io.agentmeter.schema.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.pricing.CostBreakdown;
import io.agentmeter.pricing.CostStatus;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.kafka.JsonSerde;
import io.agentmeter.schema.priced.PricedTurn;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Summing rollups in parts ({@code plus(Rollup)}) gives the figures of adding every turn to one rollup. */
class RollupSumTest {

    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    static final JsonSerde<Rollup> JSON = JsonSerde.of(Rollup.class);

    /** Turns that differ in every way a figure can: missing tokens, durations and costs, errors, cost statuses. */
    static List<PricedTurn> turns() {
        List<PricedTurn> turns = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Long duration = i % 4 == 0 ? null : 37L * i + 5;
            Long output = i % 5 == 0 ? null : 10L * i;
            Usage usage = i % 7 == 0 ? null : new Usage(100L + i, output, i % 3 == 0 ? 50L : null, null, null,
                    i % 2 == 0 ? 4L : null, null);
            TurnEvent event = new TurnEvent(1, "acme", "e" + i, T.plusSeconds(97L * ((i * 7) % 24)), "s1", "m", "prov",
                    "p", "agent", null, null, null, null, null, duration, i % 6 == 0 ? "error" : "ok", null, usage,
                    null, null, List.of(new ToolUse("search", 1, 10L, null, null)), null, null, null, null, null);
            TurnCost cost = switch (i % 4) {
                case 0 -> TurnCost.unpriced();
                case 1 -> new TurnCost(CostStatus.INCOMPLETE, null, null, new CostBreakdown(new BigDecimal("0.001"),
                        null, null, null, null, null), "m", null, "v1", null, Set.of());
                default -> new TurnCost(CostStatus.PRICED, new BigDecimal("0.0123456789").multiply(BigDecimal.valueOf(i)),
                        null, new CostBreakdown(new BigDecimal("0.01"), BigDecimal.ZERO, null, null,
                        new BigDecimal("0.0023456789"), null), "m", null, "v1", null, Set.of());
            };
            turns.add(new PricedTurn(event, cost, false));
        }
        return turns;
    }

    static Rollup fold(List<PricedTurn> turns) {
        return fold(turns, Rollup.EMPTY, Rollup::plus);
    }

    /** {@code empty} with every turn added, one by one. */
    static <R> R fold(List<PricedTurn> turns, R empty, BiFunction<R, PricedTurn, R> plus) {
        R rollup = empty;
        for (PricedTurn turn : turns) {
            rollup = plus.apply(rollup, turn);
        }
        return rollup;
    }

    @Test
    void shouldGiveTheSameFiguresWhereverTheTurnsAreSplit() {
        List<PricedTurn> turns = turns();
        Rollup whole = fold(turns);
        for (int split = 0; split <= turns.size(); split++) {
            Rollup parts = fold(turns.subList(0, split)).plus(fold(turns.subList(split, turns.size())));
            // JSON carries every figure and the quantiles read off the sketch.
            assertThat(new String(JSON.toBytes(parts))).as("split at %d", split)
                    .isEqualTo(new String(JSON.toBytes(whole)));
        }
    }

    @Test
    void shouldSumInThreePartsInAnyOrder() {
        List<PricedTurn> turns = turns();
        Rollup a = fold(turns.subList(0, 5));
        Rollup b = fold(turns.subList(5, 13));
        Rollup c = fold(turns.subList(13, turns.size()));
        String whole = new String(JSON.toBytes(fold(turns)));
        assertThat(new String(JSON.toBytes(c.plus(a).plus(b)))).isEqualTo(whole);
        assertThat(new String(JSON.toBytes(b.plus(c.plus(a))))).isEqualTo(whole);
    }

    @Test
    void shouldKeepWhatNoTurnReportedMissing() {
        Rollup none = Rollup.EMPTY.plus(Rollup.EMPTY);
        assertThat(none.inputTokens().sum()).isNull();
        assertThat(none.costUsd()).isNull();
        assertThat(none.durationMsMin()).isNull();
        assertThat(none.firstSeen()).isNull();
        assertThat(none.version()).isZero();

        Rollup one = fold(turns().subList(1, 2));
        assertThat(one.plus(Rollup.EMPTY)).isEqualTo(one);
        assertThat(Rollup.EMPTY.plus(one)).isEqualTo(one);
        assertThat(one.plus(one).version()).isEqualTo(2);
        assertThat(one.plus(one).cacheReadTokens()).isEqualTo(TokenCount.NONE);
    }

    @Test
    void shouldSumASessionInPartsLikeTurnByTurn() {
        List<PricedTurn> turns = new ArrayList<>();
        List<PricedTurn> base = turns();
        for (int i = 0; i < base.size(); i++) {
            TurnEvent t = base.get(i).turn();
            // Two models; descriptive fields reported by some turns only; context peaks up and down.
            TurnEvent varied = new TurnEvent(1, "acme", t.eventId(), t.occurredAt(), "s1", i % 3 == 0 ? "m-a" : "m-b",
                    "prov", i % 4 == 0 ? null : "project-" + i, i % 5 == 0 ? "agent-" + i : null,
                    i % 6 == 0 ? "user-" + i : null, null, null, null, null, t.durationMs(), t.status(), null,
                    t.usage(), null, i % 2 == 0 ? new ContextWindow((long) (i * 37 % 11) * 1000, 200_000L) : null,
                    t.tools(), null, null, null, null, i % 7 == 0 ? "rec-" + i : null);
            turns.add(new PricedTurn(varied, base.get(i).cost(), false));
        }
        JsonSerde<SessionRollup> json = JsonSerde.of(SessionRollup.class);
        String whole = new String(json.toBytes(foldSession(turns)));
        for (int split = 0; split <= turns.size(); split++) {
            SessionRollup parts = foldSession(turns.subList(0, split))
                    .plus(foldSession(turns.subList(split, turns.size())));
            assertThat(new String(json.toBytes(parts))).as("split at %d", split).isEqualTo(whole);
        }
    }

    @Test
    void shouldKeepTheDescriptiveFieldsOfTheLatestTurnInEventTimeWhateverTheArrivalOrder() {
        List<PricedTurn> base = turns();
        List<PricedTurn> turns = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            TurnEvent t = base.get(i).turn();
            TurnEvent described = new TurnEvent(1, "acme", t.eventId(), t.occurredAt(), "s1", "m", "prov",
                    "project-" + i, i % 2 == 0 ? "agent-" + i : null, "user-" + i, null, null, null, null,
                    t.durationMs(), t.status(), null, t.usage(), null, null, t.tools(), null, null, null, null, null);
            turns.add(new PricedTurn(described, base.get(i).cost(), false));
        }
        // The base turns' times are a permutation of their positions: processing order is not event-time order.
        java.util.Comparator<PricedTurn> byTime = java.util.Comparator.comparing(p -> p.turn().occurredAt());
        TurnEvent latest = turns.stream().max(byTime).orElseThrow().turn();
        TurnEvent latestWithAgent = turns.stream().filter(p -> p.turn().agent() != null).max(byTime).orElseThrow()
                .turn();
        List<PricedTurn> newestFirst = new ArrayList<>(turns);
        newestFirst.sort(byTime.reversed());
        for (List<PricedTurn> order : List.of(turns, newestFirst)) {
            SessionRollup whole = foldSession(order);
            assertThat(whole.project()).isEqualTo(latest.project());
            assertThat(whole.agent()).isEqualTo(latestWithAgent.agent());
            assertThat(whole.userId()).isEqualTo(latest.userId());
            assertThat(whole.describedAt().project()).isEqualTo(latest.occurredAt());
            for (int split = 0; split <= order.size(); split++) {
                SessionRollup parts = foldSession(order.subList(0, split))
                        .plus(foldSession(order.subList(split, order.size())));
                assertThat(parts.project()).as("split at %d", split).isEqualTo(whole.project());
                assertThat(parts.agent()).as("split at %d", split).isEqualTo(whole.agent());
            }
        }
    }

    static SessionRollup foldSession(List<PricedTurn> turns) {
        return fold(turns, SessionRollup.EMPTY, SessionRollup::plus);
    }

    @Test
    void shouldAddTheWindowedRollupsFiguresAndKeepTheirDimensions() {
        List<PricedTurn> turns = turns();
        ToolUse bash = new ToolUse("bash", 2, 30L, null, 7L);
        BiFunction<ToolRollup, PricedTurn, ToolRollup> callingBash = (rollup, turn) -> rollup.plus(turn, bash);
        ToolRollup whole = fold(turns, ToolRollup.EMPTY, callingBash);
        ToolRollup first = fold(turns.subList(0, 10), ToolRollup.EMPTY, callingBash);
        ToolRollup second = fold(turns.subList(10, turns.size()), ToolRollup.EMPTY, callingBash);
        ToolRollup sum = first.inWindow(WindowSize.ONE_HOUR, T).plus(second.inWindow(WindowSize.ONE_HOUR, T));
        JsonSerde<ToolRollup> json = JsonSerde.of(ToolRollup.class);
        assertThat(new String(json.toBytes(sum)))
                .isEqualTo(new String(json.toBytes(whole.inWindow(WindowSize.ONE_HOUR, T))));
        assertThat(sum.toolUsage()).isEqualTo(new ToolTotals(48L, 720L, null, 168L));
    }
}
