package io.agentmeter.query.health;

/** What one probe found about one part: its state and a sentence saying why. */
public record Verdict(State state, String detail) {

    /** Longest detail kept: readiness answers carry whole exception messages. */
    static final int MAX_DETAIL = 300;

    /** A part's state. */
    public enum State {
        UP("up"), DOWN("down"), UNKNOWN("unknown");

        private final String value;

        State(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public Verdict {
        detail = detail == null ? "" : detail.replaceAll("\\s+", " ").strip();
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 1) + "…";
        }
    }

    public static Verdict up(String detail) {
        return new Verdict(State.UP, detail);
    }

    public static Verdict down(String detail) {
        return new Verdict(State.DOWN, detail);
    }

    public static Verdict unknown(String detail) {
        return new Verdict(State.UNKNOWN, detail);
    }
}
