package io.agentmeter.schema.rollup;

import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.priced.PricedTurn;
import java.util.Map;

/**
 * Everything about one session so far: totals over all its turns and the same figures per model used in it. The
 * value of the compacted {@code session-rollups} topic (key {@code tenant:session_id}) and a row of
 * {@code session_rollups}. Not windowed: a session's rollup keeps growing as turns arrive, late ones included.
 *
 * <p>The descriptive fields ({@code project}, {@code agent}, {@code user_id}, {@code recording_id}) are those of the
 * latest turn that reported them; {@code context_peak_tokens} and {@code context_max_tokens} are the highest
 * reported.
 *
 * @param models the per-model breakdown within the session, keyed by the model name as the turns sent it; every
 *               figure but the latency sketch (the session's own {@code totals} carry that)
 */
public record SessionRollup(
        String tenantId,
        String sessionId,
        String project,
        String agent,
        String userId,
        String recordingId,
        Long contextPeakTokens,
        Long contextMaxTokens,
        Map<String, Rollup> models,
        Rollup totals) {

    public static final SessionRollup EMPTY = new SessionRollup(null, null, null, null, null, null, null, null,
            Map.of(), Rollup.EMPTY);

    public SessionRollup {
        models = SortedFigures.of(models);
        totals = totals == null ? Rollup.EMPTY : totals;
    }

    /** This session with one more turn. */
    public SessionRollup plus(PricedTurn priced) {
        TurnEvent turn = priced.turn();
        Map<String, Rollup> byModel = SortedFigures.of(models).with(turn.model(),
                models.getOrDefault(turn.model(), Rollup.EMPTY).plusWithoutLatency(priced));
        ContextWindow context = turn.context();
        return new SessionRollup(
                turn.tenantId(),
                turn.sessionId(),
                latest(project, turn.project()),
                latest(agent, turn.agent()),
                latest(userId, turn.userId()),
                latest(recordingId, turn.recordingId()),
                Rollup.greatest(contextPeakTokens, context == null ? null : context.usedTokens()),
                Rollup.greatest(contextMaxTokens, context == null ? null : context.maxTokens()),
                byModel,
                totals.plus(priced));
    }

    /**
     * This session with the turns of {@code later} added: turns processed after this rollup's, summed apart (the
     * aggregator sums each commit's turns per session before adding them to the stored rollup). The result equals
     * adding those turns one by one: descriptive fields from {@code later} where it has them, the higher peaks.
     */
    public SessionRollup plus(SessionRollup later) {
        return new SessionRollup(
                latest(tenantId, later.tenantId),
                latest(sessionId, later.sessionId),
                latest(project, later.project),
                latest(agent, later.agent),
                latest(userId, later.userId),
                latest(recordingId, later.recordingId),
                Rollup.greatest(contextPeakTokens, later.contextPeakTokens),
                Rollup.greatest(contextMaxTokens, later.contextMaxTokens),
                SortedFigures.of(models).plus(later.models, Rollup::plus),
                totals.plus(later.totals));
    }

    /** The version of the sink's guard: that of the totals. */
    public long version() {
        return totals.version();
    }

    private static String latest(String current, String reported) {
        return reported != null ? reported : current;
    }
}
