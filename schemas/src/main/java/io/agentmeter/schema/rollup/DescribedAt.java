package io.agentmeter.schema.rollup;

import java.time.Instant;

/**
 * When each descriptive field of a {@link SessionRollup} was reported: the {@code occurred_at} of the turn it was
 * taken from. So the rollup keeps the value of the latest turn in event time, whatever order the turns arrived in,
 * the rule the session's own turns give ({@code /v1/sessions/{id}} reads them); a null time is a value kept by an
 * older build, which any reported value replaces.
 */
public record DescribedAt(Instant project, Instant agent, Instant user, Instant recording) {

    public static final DescribedAt NONE = new DescribedAt(null, null, null, null);

    /**
     * Whether a value reported at {@code candidate} replaces the current one (reported at {@code current}): when
     * there is none, when its time is unknown, or when the candidate is not older (equal times: the later processed).
     */
    static boolean replaces(String currentValue, Instant current, String candidateValue, Instant candidate) {
        if (candidateValue == null) {
            return false;
        }
        return currentValue == null || current == null || candidate == null || !candidate.isBefore(current);
    }
}
