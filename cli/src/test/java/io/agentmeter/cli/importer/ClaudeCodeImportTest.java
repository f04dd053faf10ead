package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Claude Code transcripts, checked against counts taken by hand from the files. */
class ClaudeCodeImportTest {

    /*
     * claude-code/marot+spotter/short.jsonl (real, Claude Code 2.1.38), 15 lines:
     *   1 file-history-snapshot, 2-3 progress, 4 user, 5-8 assistant, 9 progress, 10 assistant, 11-13 user,
     *   14-15 system.
     *   Lines 5, 6, 7, 8 and 10 are one API response: message.id msg_01MKH1ccEGrZGNPvu8pYiiQa, requestId
     *   req_011CY15QS2LGwAeBxdfa6e1V, each with the same usage: input_tokens 3, cache_creation_input_tokens 13835
     *   (cache_creation.ephemeral_5m_input_tokens 0, ephemeral_1h_input_tokens 13835), cache_read_input_tokens 11515,
     *   output_tokens 13. Content blocks: 5 text, 6 thinking, 7 text, 8 tool_use Bash, 10 tool_use Glob.
     *   => one turn: input = 3 + 11515 + 13835 = 25353; cache reads 11515; 1-hour writes 13835; 5-minute writes
     *      13835 - 13835 = 0; output 13; tools Bash x1, Glob x1; time of line 10 (2026-02-10T21:12:01.669Z).
     *   A naive importer that counts every assistant line would count 5 x 25353 = 126765 input tokens.
     */
    @Test
    void shouldCountFiveLinesOfOneResponseOnce() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(TestLogs.path("claude-code/marot+spotter/short.jsonl"));

        assertThat(imported.events()).hasSize(1);
        TurnEvent turn = imported.events().get(0);
        assertThat(turn.eventId()).isEqualTo(EventIds.hashed("cc:", "msg_01MKH1ccEGrZGNPvu8pYiiQa",
                "req_011CY15QS2LGwAeBxdfa6e1V"));
        assertThat(turn.sessionId()).isEqualTo("55604662-cf2a-4331-851a-ec234028f8ca");
        assertThat(turn.model()).isEqualTo("claude-opus-4-6");
        assertThat(turn.provider()).isEqualTo("anthropic");
        assertThat(turn.project()).isEqualTo("spotter");
        assertThat(turn.occurredAt()).isEqualTo(Instant.parse("2026-02-10T21:12:01.669Z"));
        assertThat(turn.usage()).isEqualTo(new Usage(25_353L, 13L, 11_515L, 0L, 13_835L, null, null));
        assertThat(turn.tools()).containsExactly(new ToolUse("Bash", 1, null, null, null),
                new ToolUse("Glob", 1, null, null, null));
        assertThat(turn.labels()).containsEntry("claude_code_version", "2.1.38").containsEntry("git_branch", "master");

        ImportSummary.PerFormat counts = imported.summary().of(Format.CLAUDE_CODE);
        assertThat(counts.events()).isEqualTo(1);
        assertThat(counts.problems()).isZero();
        // 15 lines = 1 turn + 4 more lines of it + 10 lines of other types.
        assertThat(counts.ignored()).containsEntry("more lines of one response", 4L)
                .containsEntry("user line", 4L).containsEntry("progress line", 3L).containsEntry("system line", 2L)
                .containsEntry("file-history-snapshot line", 1L);
        assertThat(counts.ignoredLines()).isEqualTo(14);
    }

    /*
     * claude-code/ryoppippi+ccusage (hand-written, no "type" field, one line per response), 5 lines in 2 files:
     *   alpha 1: in 100, cache_creation 25, cache_read 10, out 50,  costUSD 0.12 -> input 135
     *   alpha 2: in 200, cache_creation 50, cache_read 20, out 75,  costUSD 0.34 -> input 270 (usage.speed "fast")
     *   alpha 3: in 300, cache_creation 0,  cache_read 40, out 125, costUSD 0.56 -> input 340
     *   beta 1:  in 50,  cache_creation 5,  cache_read 15, out 25,  costUSD 0.03 -> input 70
     *   beta 2:  in 80,  cache_creation 10, cache_read 25, out 35,  costUSD 0.04 -> input 115
     *   totals: input 930, output 310, cache reads 110, cache writes 90, reported cost 1.09
     */
    @Test
    void shouldAddCacheReadsAndWritesToAnthropicInputAndKeepReportedCosts() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(TestLogs.path("claude-code/ryoppippi+ccusage"));

        assertThat(imported.events()).hasSize(5);
        assertThat(imported.sum(Usage::inputTokens)).isEqualTo(930);
        assertThat(imported.sum(Usage::outputTokens)).isEqualTo(310);
        assertThat(imported.sum(Usage::cacheReadTokens)).isEqualTo(110);
        assertThat(imported.sum(Usage::cacheWriteTokens)).isEqualTo(90);
        assertThat(imported.events()).allSatisfy(e -> assertThat(e.usage().cacheWrite1hTokens()).isNull());
        assertThat(imported.events().stream().map(TurnEvent::reportedCostUsd).reduce(BigDecimal.ZERO,
                BigDecimal::add)).isEqualByComparingTo("1.09");
        assertThat(imported.events()).extracting(TurnEvent::sessionId)
                .containsExactly("session-alpha", "session-alpha", "session-alpha", "session-beta", "session-beta");
        assertThat(imported.events().get(1).params().get("speed").asText()).isEqualTo("fast");
        // No content blocks in these lines: tools are not reported (absent), not "none".
        assertThat(imported.events()).allSatisfy(e -> assertThat(e.tools()).isNull());
        assertThat(imported.events().get(0).eventId()).isEqualTo(EventIds.hashed("cc:", "msg-alpha-1",
                "req-alpha-1"));
    }

    /*
     * claude-code/kenn-io+agentsview/valid_session.jsonl (hand-written, no message.id, requestId, uuid or sessionId):
     *   line 2: in 100, cache_creation 200, cache_read 300, out 50, tool_use Read -> input 600
     *   line 4: in 150, cache_creation 0,   cache_read 500, out 75, no tool    -> input 650
     *   Each line is its own turn; ids come from the file name, line number and text; the session from the file name.
     */
    @Test
    void shouldGiveLinesWithoutIdsAFallbackIdFromFileAndLine() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(
                TestLogs.path("claude-code/kenn-io+agentsview/valid_session.jsonl"));

        assertThat(imported.events()).hasSize(2);
        TurnEvent first = imported.events().get(0);
        TurnEvent second = imported.events().get(1);
        assertThat(first.usage()).isEqualTo(new Usage(600L, 50L, 300L, 200L, null, null, null));
        assertThat(second.usage()).isEqualTo(new Usage(650L, 75L, 500L, 0L, null, null, null));
        assertThat(first.tools()).containsExactly(new ToolUse("Read", 1, null, null, null));
        assertThat(second.tools()).isEmpty();
        assertThat(first.sessionId()).isEqualTo("valid_session");
        assertThat(first.project()).isEqualTo("my-app");
        assertThat(first.eventId()).startsWith("cc:").isNotEqualTo(second.eventId());
        assertThat(imported.summary().of(Format.CLAUDE_CODE).ignored()).containsEntry("user line", 2L);
    }

    @Test
    void shouldImportEveryClaudeCodeFixtureWithoutProblems() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(TestLogs.path("claude-code"));

        // 1 (marot) + 5 (ccusage) + 2 (kenn-io)
        assertThat(imported.events()).hasSize(8);
        assertThat(imported.summary().problemCount()).isZero();
        assertThat(imported.summary().of(Format.CLAUDE_CODE).files()).isEqualTo(4);
    }
}
