package io.agentmeter.ingest.bench;

import java.time.Instant;

/**
 * What one benchmark turn says, whichever way it is sent: the {@code /v1/turns} event ({@code IngestBenchmark.event})
 * and the Claude Code {@code api_request} log record ({@link ClaudeCodeLogs}) are both built from it, so the two
 * endpoints are measured on the same turns.
 *
 * @param session which session (one of a few hundred, so records spread over the partitions as real traffic does)
 * @param turn    the turn's index in its batch
 * @param end     when the turn ended
 */
record BenchTurn(int session, int turn, Instant end) {

    static final String MODEL = "claude-sonnet-4-5";
    static final String PROVIDER = "anthropic";
    static final String AGENT = "planner";
    static final int DURATION_MS = 2345;
    static final long OUTPUT_TOKENS = 850;
    /** Part of {@link #inputTokens()}, as in the turn event (Anthropic's own input count leaves it out). */
    static final long CACHE_READ_TOKENS = 9_000;

    static BenchTurn endedAMinuteAgo(int session, int turn) {
        return new BenchTurn(session, turn, Instant.now().minusSeconds(60));
    }

    String sessionId() {
        return "session-" + session;
    }

    String userId() {
        return "user-" + (session % 50);
    }

    /** Input tokens including the cache reads, as the turn event counts them. */
    long inputTokens() {
        return 12_000 + turn;
    }
}
