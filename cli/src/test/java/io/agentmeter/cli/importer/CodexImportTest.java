package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Codex CLI sessions, checked against counts taken by hand from the files. */
class CodexImportTest {

    private static final String REEMITTING =
            "codex/madshn+localpush/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl";
    private static final String SESSION = "019c8bfe-ec25-79e0-97d7-bda6a9c575ff";

    /*
     * codex/madshn+localpush/rollout-2026-02-23T20-34-25-...jsonl (real, sanitized), 63 lines. token_count lines:
     *   12 info null (rate limits only)
     *   18 total 42,976  last 42,976   <- turn 1
     *   21 total 42,976  last 42,976   (re-emitted after the tool output)
     *   27 total 87,290  last 44,314   <- turn 2
     *   30 total 87,290  last 44,314   (re-emitted)
     *   36 total 136,504 last 49,214   <- turn 3
     *   39 total 136,504 last 49,214   (re-emitted)
     *   45 total 186,009 last 49,505   <- turn 4
     *   48 total 186,009 last 49,505   (re-emitted)
     *   54 total 235,769 last 49,760   <- turn 5
     *   57 total 235,769 last 49,760   (re-emitted)
     *   62 total 299,496 last 63,727   <- turn 6
     * Naive sum of last_token_usage.total_tokens over all 11 lines with info: 2 x (42,976 + 44,314 + 49,214 + 49,505
     * + 49,760) + 63,727 = 535,265. Counting only when the cumulative total advances: 6 turns whose totals add up to
     * 299,496, the final cumulative total. Each last_token_usage equals the difference of consecutive totals.
     * The 6 turns' last_token_usage, summed:
     *   input_tokens        42,772 + 44,218 + 48,969 + 49,326 + 49,647 + 63,441 = 298,373
     *   cached_input_tokens  3,456 + 42,880 + 44,288 + 49,152 + 49,408 + 49,664 = 238,848
     *   output_tokens          204 +     96 +    245 +    179 +    113 +    286 =   1,123
     *   reasoning_output       124 +     17 +    143 +     81 +     22 +     96 =     483
     * total = input + output (298,373 + 1,123 = 299,496): OpenAI's input includes the cached tokens and output
     * includes reasoning, as the turn event wants.
     */
    @Test
    void shouldCountATurnOnlyWhenTheCumulativeTotalAdvances() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(TestLogs.path(REEMITTING));

        assertThat(imported.events()).hasSize(6);
        assertThat(imported.sum(Usage::totalTokens)).isEqualTo(299_496).isNotEqualTo(535_265);
        assertThat(imported.sum(Usage::inputTokens)).isEqualTo(298_373);
        assertThat(imported.sum(Usage::cacheReadTokens)).isEqualTo(238_848);
        assertThat(imported.sum(Usage::outputTokens)).isEqualTo(1_123);
        assertThat(imported.sum(Usage::reasoningTokens)).isEqualTo(483);
        assertThat(imported.events()).allSatisfy(e -> assertThat(e.usage().cacheWriteTokens()).isNull());
        assertThat(imported.events()).extracting(TurnEvent::eventId).containsExactly(
                "codex:" + SESSION + ":42976", "codex:" + SESSION + ":87290", "codex:" + SESSION + ":136504",
                "codex:" + SESSION + ":186009", "codex:" + SESSION + ":235769", "codex:" + SESSION + ":299496");
        assertThat(imported.events()).extracting(TurnEvent::turnIndex).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(imported.summary().of(Format.CODEX).ignored())
                .containsEntry("repeated token_count (cumulative total unchanged)", 5L)
                .containsEntry("token_count without info (rate limits only)", 1L);

        TurnEvent first = imported.events().get(0);
        assertThat(first.sessionId()).isEqualTo(SESSION);
        assertThat(first.model()).isEqualTo("gpt-5.3-codex");
        assertThat(first.provider()).isEqualTo("openai");
        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-02-23T19:34:39.388Z"));
        assertThat(first.usage()).isEqualTo(new Usage(42_772L, 204L, 3_456L, null, null, 124L, 42_976L));
        assertThat(first.context()).isEqualTo(new ContextWindow(42_976L, 258_400L));
        assertThat(first.params().get("reasoning_effort").asText()).isEqualTo("medium");
        // line 17: function_call mcp__cloud-associates__search_workflows, before the token_count of line 18
        assertThat(first.tools()).containsExactly(
                new ToolUse("mcp__cloud-associates__search_workflows", 1, null, null, null));
        // line 61 is the last message, no function call before the token_count of line 62
        assertThat(imported.events().get(5).tools()).isEmpty();
    }

    /*
     * codex/ryoppippi+ccusage/sessions/project-alpha/session-alpha.jsonl (hand-written, no session_meta):
     *   line 2: total 1,200 (last: in 1,000, cached 250, out 125, reasoning 75), info.model gpt-5.2-codex
     *   line 3: total 4,200 (last: in 2,500, cached 500, out 300, reasoning 200, total 3,000 = 4,200 - 1,200),
     *           info.model gpt-5.3-codex although turn_context said gpt-5.2-codex: info.model wins.
     *   No session_meta: the session is the file name, session-alpha.
     */
    @Test
    void shouldTakeTheModelOfTheTokenCountAndTheSessionFromTheFileName() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(TestLogs.path("codex/ryoppippi+ccusage"));

        assertThat(imported.events()).hasSize(2);
        assertThat(imported.events()).extracting(TurnEvent::model).containsExactly("gpt-5.2-codex", "gpt-5.3-codex");
        assertThat(imported.events()).extracting(TurnEvent::eventId)
                .containsExactly("codex:session-alpha:1200", "codex:session-alpha:4200");
        assertThat(imported.events().get(1).usage()).isEqualTo(new Usage(2_500L, 300L, 500L, null, null, 200L, 3_000L));
        assertThat(imported.sum(Usage::totalTokens)).isEqualTo(4_200);
    }

    /*
     * The other madshn file: one token_count with info (line 19, total 34,900), function_call exec_command at line 18.
     * All three Codex files: 6 + 1 + 2 = 9 turns.
     */
    @Test
    void shouldImportEveryCodexFixture() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(TestLogs.path("codex"));

        assertThat(imported.events()).hasSize(9);
        assertThat(imported.summary().problemCount()).isZero();
        TurnEvent single = imported.events().stream()
                .filter(e -> e.sessionId().equals("019c8a70-dda7-7f33-98ea-f30553347322")).findFirst().orElseThrow();
        assertThat(single.usage()).isEqualTo(new Usage(34_469L, 431L, 3_456L, null, null, 264L, 34_900L));
        assertThat(single.tools()).containsExactly(new ToolUse("exec_command", 1, null, null, null));
        assertThat(single.params().get("reasoning_effort").asText()).isEqualTo("high");
    }
}
