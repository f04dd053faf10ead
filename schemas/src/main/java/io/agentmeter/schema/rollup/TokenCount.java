package io.agentmeter.schema.rollup;

/**
 * A token count summed over the turns that reported it. Missing is not zero: {@code sum} is null while no turn
 * reported the count, and {@code turns} says how many did (the coverage), so a reader can tell "0 tokens" from
 * "not reported" and see how complete a sum is.
 *
 * @param sum   the sum over the reporting turns, null when none reported
 * @param turns how many turns reported the count
 */
public record TokenCount(Long sum, long turns) {

    public static final TokenCount NONE = new TokenCount(null, 0);

    /** This count with one more turn's value; an unreported value (null) changes nothing. */
    public TokenCount plus(Long value) {
        if (value == null) {
            return this;
        }
        return new TokenCount(sum == null ? value : Math.addExact(sum, value), turns + 1);
    }

    /** The count over both sets of turns: null only while neither reported it. */
    public TokenCount plus(TokenCount other) {
        if (other.sum == null) {
            return this;
        }
        return sum == null ? other : new TokenCount(Math.addExact(sum, other.sum), turns + other.turns);
    }
}
