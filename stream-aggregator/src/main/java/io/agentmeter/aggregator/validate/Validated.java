package io.agentmeter.aggregator.validate;

import io.agentmeter.schema.event.TurnEvent;

/**
 * What the validate step made of one raw record: a valid turn and the key it belongs under, or the rejected
 * original bytes (the reasons travel in the record's dead-letter headers).
 *
 * @param turn         the valid turn, null when rejected
 * @param canonicalKey {@code tenant:session_id} of the turn, null when rejected
 * @param original     the raw bytes, kept only when rejected
 */
public record Validated(TurnEvent turn, String canonicalKey, byte[] original) {

    public static Validated valid(TurnEvent turn, String canonicalKey) {
        return new Validated(turn, canonicalKey, null);
    }

    public static Validated rejected(byte[] original) {
        return new Validated(null, null, original);
    }

    public boolean isValid() {
        return turn != null;
    }
}
