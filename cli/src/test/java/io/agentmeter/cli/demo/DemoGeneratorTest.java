package io.agentmeter.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.CostStatus;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.event.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's turns: deterministic for a seed, valid, priced, and showing every feature. */
class DemoGeneratorTest {

    private static final Instant ANCHOR = Instant.parse("2026-11-20T12:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static PriceBook book;

    @BeforeAll
    static void loadPrices() {
        book = PriceBook.loadShipped();
    }

    private static DemoPlan plan(long seed, int turns, int live) {
        return new DemoGenerator(seed, book).plan(turns, live, ANCHOR, WEEK, true);
    }

    /** Every turn of the plan, the live ones timed one second apart after the anchor. */
    private static List<TurnEvent> allTurns(DemoPlan plan) {
        List<TurnEvent> turns = new ArrayList<>(plan.historic());
        Instant now = ANCHOR;
        for (DemoPlan.LiveStep step : plan.live()) {
            if (step instanceof DemoPlan.LiveTurn turn) {
                now = now.plusSeconds(1);
                turns.add(turn.at(now));
            }
        }
        return turns;
    }

    @Test
    void shouldPlanTheSameTurnsForTheSameSeed() {
        DemoPlan first = plan(42, 500, 60);
        DemoPlan again = plan(42, 500, 60);
        DemoPlan other = plan(43, 500, 60);

        assertThat(again).isEqualTo(first);
        assertThat(allTurns(again)).isEqualTo(allTurns(first));
        assertThat(other.historic()).isNotEqualTo(first.historic());
    }

    @Test
    void shouldPlanExactlyTheTurnsAskedForWithinTheHistory() {
        DemoPlan plan = plan(7, 300, 40);

        assertThat(plan.turns()).isEqualTo(300);
        assertThat(plan.historic()).hasSize(260);
        assertThat(plan.historic()).allSatisfy(t -> assertThat(t.occurredAt())
                .isBetween(ANCHOR.minus(WEEK), ANCHOR));
        assertThat(plan.historic()).isSortedAccordingTo((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        assertThat(allTurns(plan)).extracting(TurnEvent::eventId).doesNotHaveDuplicates();
        assertThat(new DemoGenerator(7, book).plan(50, 10, ANCHOR, Duration.ZERO, false).historic())
                .as("no history: every turn is live").isEmpty();
    }

    @Test
    void shouldOnlyUseModelsOfThePriceBookAndSendValidTurns() {
        assertThat(DemoCatalog.unpriced(book, ANCHOR)).isEmpty();
        List<TurnEvent> turns = allTurns(plan(1, 1_000, 100));
        TurnEventReader reader = new TurnEventReader(Clock.fixed(ANCHOR.plus(Duration.ofHours(1)), ZoneOffset.UTC));

        assertThat(turns).allSatisfy(t -> assertThat(reader.validate(t)).as(t.eventId()).isEmpty());
        assertThat(turns).filteredOn(t -> t.usage() != null).allSatisfy(t -> assertThat(
                CostEngine.price(t, book).status()).as(t.model()).isIn(CostStatus.PRICED, CostStatus.REPORTED));
    }

    @Test
    void shouldShowEveryFeatureTheQueriesLookAt() {
        List<TurnEvent> turns = allTurns(plan(3, 1_500, 100));
        List<Usage> usages = turns.stream().map(TurnEvent::usage).filter(Objects::nonNull).toList();

        assertThat(turns.stream().map(TurnEvent::model).distinct()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(turns.stream().map(TurnEvent::agent).collect(Collectors.toSet()))
                .contains("planner", "researcher", "coder", "reviewer", "summarizer", "evaluator");
        assertThat(usages).anyMatch(u -> u.cacheReadTokens() != null && u.cacheReadTokens() > 0);
        assertThat(usages).anyMatch(u -> u.cacheWriteTokens() != null && u.cacheWriteTokens() > 0);
        assertThat(usages).anyMatch(u -> u.cacheWrite1hTokens() != null && u.cacheWrite1hTokens() > 0);
        assertThat(usages).anyMatch(u -> u.reasoningTokens() != null && u.reasoningTokens() > 0);
        assertThat(usages).anyMatch(u -> u.inputTokens() > 200_000);
        assertThat(turns).anyMatch(TurnEvent::isError);
        assertThat(turns).anyMatch(t -> t.tools() != null && t.tools().size() > 1);
        assertThat(turns).anyMatch(t -> t.reportedCostUsd() != null);
        assertThat(turns.stream().map(TurnEvent::sessionId).distinct().count()).isGreaterThan(20);

        Map<String, Set<String>> modelsByPrompt = new HashMap<>();
        turns.stream().filter(t -> t.prompt() != null).forEach(t ->
                modelsByPrompt.computeIfAbsent(t.prompt().hash(), h -> new HashSet<>()).add(t.model()));
        assertThat(modelsByPrompt.values()).anyMatch(models -> models.size() >= 4);
    }

    @Test
    void shouldRecordTheSamePromptsOnTwoModels() {
        DemoPlan plan = plan(5, 200, 40);
        List<DemoPlan.LiveStep> steps = plan.live();

        List<DemoPlan.StartRecording> starts = steps.stream().filter(DemoPlan.StartRecording.class::isInstance)
                .map(DemoPlan.StartRecording.class::cast).toList();
        assertThat(starts).extracting(DemoPlan.StartRecording::recordingId)
                .containsExactly("demo-5-rec-gpt-5", "demo-5-rec-claude-sonnet-4-5");
        List<List<TurnEvent>> recorded = new ArrayList<>();
        List<TurnEvent> current = null;
        for (DemoPlan.LiveStep step : steps) {
            if (step instanceof DemoPlan.StartRecording) {
                current = new ArrayList<>();
            } else if (step instanceof DemoPlan.StopRecording) {
                recorded.add(current);
                current = null;
            } else if (current != null) {
                current.add(((DemoPlan.LiveTurn) step).template());
            }
        }
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0)).allSatisfy(t -> assertThat(t.model()).isEqualTo("gpt-5"));
        assertThat(recorded.get(1)).allSatisfy(t -> assertThat(t.model()).isEqualTo("claude-sonnet-4-5"));
        assertThat(recorded).allSatisfy(run -> assertThat(run).allSatisfy(t -> {
            assertThat(t.userId()).isEqualTo(starts.get(0).userId());
            assertThat(t.isError()).isFalse();
            assertThat(t.recordingId()).as("the aggregator tags turns, senders do not").isNull();
        }));
        assertThat(recorded.get(0).stream().map(t -> t.prompt().hash()).toList())
                .isEqualTo(recorded.get(1).stream().map(t -> t.prompt().hash()).toList());
    }
}
