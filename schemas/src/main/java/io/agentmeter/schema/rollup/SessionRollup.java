package io.agentmeter.schema.rollup;

import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.priced.PricedTurn;
import java.time.Instant;
import java.util.Map;

/**
 * Everything about one session so far: totals over all its turns and the same figures per model used in it. The
 * value of the compacted {@code session-rollups} topic (key {@code tenant:session_id}) and a row of
 * {@code session_rollups}. Not windowed: a session's rollup keeps growing as turns arrive, late ones included.
 *
 * <p>The descriptive fields ({@code project}, {@code agent}, {@code user_id}, {@code recording_id}) are those of the
 * latest turn in event time ({@code occurred_at}) that reported them, whatever order the turns arrived in
 * ({@link DescribedAt}); {@code context_peak_tokens} and {@code context_max_tokens} are the highest reported.
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
        Rollup totals,
        DescribedAt describedAt) {

    public static final SessionRollup EMPTY = new SessionRollup(null, null, null, null, null, null, null, null,
            Map.of(), Rollup.EMPTY, DescribedAt.NONE);

    public SessionRollup {
        models = SortedFigures.of(models);
        totals = totals == null ? Rollup.EMPTY : totals;
        describedAt = describedAt == null ? DescribedAt.NONE : describedAt;
    }

    /** This session with one more turn. */
    public SessionRollup plus(PricedTurn priced) {
        TurnEvent turn = priced.turn();
        Map<String, Rollup> byModel = SortedFigures.of(models).with(turn.model(),
                models.getOrDefault(turn.model(), Rollup.EMPTY).plusWithoutLatency(priced));
        ContextWindow context = turn.context();
        Instant at = turn.occurredAt();
        DescribedAt d = describedAt;
        boolean newProject = DescribedAt.replaces(project, d.project(), turn.project(), at);
        boolean newAgent = DescribedAt.replaces(agent, d.agent(), turn.agent(), at);
        boolean newUser = DescribedAt.replaces(userId, d.user(), turn.userId(), at);
        boolean newRecording = DescribedAt.replaces(recordingId, d.recording(), turn.recordingId(), at);
        return new SessionRollup(
                turn.tenantId(),
                turn.sessionId(),
                newProject ? turn.project() : project,
                newAgent ? turn.agent() : agent,
                newUser ? turn.userId() : userId,
                newRecording ? turn.recordingId() : recordingId,
                Rollup.greatest(contextPeakTokens, context == null ? null : context.usedTokens()),
                Rollup.greatest(contextMaxTokens, context == null ? null : context.maxTokens()),
                byModel,
                totals.plus(priced),
                new DescribedAt(newProject ? at : d.project(), newAgent ? at : d.agent(), newUser ? at : d.user(),
                        newRecording ? at : d.recording()));
    }

    /**
     * This session with the turns of {@code later} added: turns processed after this rollup's, summed apart (the
     * aggregator sums each commit's turns per session before adding them to the stored rollup). The result equals
     * adding those turns one by one: each descriptive field from the part whose turn reporting it is the latest in
     * event time ({@code later} on a tie), the higher peaks.
     */
    public SessionRollup plus(SessionRollup later) {
        DescribedAt d = describedAt;
        DescribedAt l = later.describedAt;
        boolean newProject = DescribedAt.replaces(project, d.project(), later.project, l.project());
        boolean newAgent = DescribedAt.replaces(agent, d.agent(), later.agent, l.agent());
        boolean newUser = DescribedAt.replaces(userId, d.user(), later.userId, l.user());
        boolean newRecording = DescribedAt.replaces(recordingId, d.recording(), later.recordingId, l.recording());
        return new SessionRollup(
                latest(tenantId, later.tenantId),
                latest(sessionId, later.sessionId),
                newProject ? later.project : project,
                newAgent ? later.agent : agent,
                newUser ? later.userId : userId,
                newRecording ? later.recordingId : recordingId,
                Rollup.greatest(contextPeakTokens, later.contextPeakTokens),
                Rollup.greatest(contextMaxTokens, later.contextMaxTokens),
                SortedFigures.of(models).plus(later.models, Rollup::plus),
                totals.plus(later.totals),
                new DescribedAt(newProject ? l.project() : d.project(), newAgent ? l.agent() : d.agent(),
                        newUser ? l.user() : d.user(), newRecording ? l.recording() : d.recording()));
    }

    /** The version of the sink's guard: that of the totals. */
    public long version() {
        return totals.version();
    }

    private static String latest(String current, String reported) {
        return reported != null ? reported : current;
    }
}
