package io.agentmeter.query.source;

/**
 * The turns of a session or of a recording: where they are read from and the column that names the one they belong
 * to. A recording's turns are resolved by time (view {@code recording_turns}, migration V11): those that name it and
 * those of its user that name no recording and fall in its {@code [started_at, stopped_at)}.
 *
 * <p>The view selects {@code t.*} as it was when the view was created: a migration that adds a column to
 * {@code turns} must recreate the view ({@code CREATE OR REPLACE VIEW}) for recording reads to see it.
 */
public enum TurnsOf {
    SESSION("turns", "session_id"),
    RECORDING("recording_turns", "of_recording");

    /**
     * The recording a turn row {@code t} belongs to: its own {@code recording_id}, else its user's recording whose
     * span holds its {@code occurred_at} (function {@code recording_at}, the same rule as the view).
     */
    public static final String RECORDING_OF_TURN = "coalesce(t.recording_id, CASE WHEN t.user_id IS NOT NULL"
            + " THEN recording_at(t.tenant_id, t.user_id, t.occurred_at) END)";

    private final String relation;
    private final String column;

    TurnsOf(String relation, String column) {
        this.relation = relation;
        this.column = column;
    }

    /** By the column the API speaks of: {@code session_id} or {@code recording_id}. */
    public static TurnsOf byColumn(String column) {
        return switch (column) {
            case "session_id" -> SESSION;
            case "recording_id" -> RECORDING;
            default -> throw new IllegalArgumentException("no turns by " + column);
        };
    }

    /** {@code <relation> t}, for a FROM clause. */
    public String from() {
        return relation + " t";
    }

    /** {@code t.<column>}: the id of the session or recording a row belongs to. */
    public String id() {
        return "t." + column;
    }
}
