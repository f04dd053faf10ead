package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** JSONL of OpenAI / Anthropic usage objects, each shape detected per line. */
class UsageLogImportTest {

    /*
     * usage/hand-written/api-usage.jsonl:
     *   1 OpenAI chat: prompt 2,006 (cached 1,920), completion 300 (reasoning 0), total 2,306; created 1767225600
     *   2 OpenAI responses: input 5,000 (cached 4,096), output 1,200 (reasoning 800), total 6,200
     *   3 Anthropic: input 20 + cache_read 8,000 + cache_creation 1,500 = 9,520; of the writes 1,000 at 1 hour,
     *     1,500 - 1,000 = 500 at 5 minutes; output 400
     *   4 OpenAI Batch API output: response.body.usage prompt 100, completion 20, total 120; model gpt-4o-mini
     *   5 bare usage next to model: prompt 50, completion 10, total 60
     *   6 "prompt_tokens": "12"                 -> problem at :6
     *   7 no usage                             -> ignored
     *   8 cached_tokens 50 > prompt_tokens 10  -> not a valid turn event: problem at :8
     *   totals of the 5 turns: input 2,006 + 5,000 + 9,520 + 100 + 50 = 16,676;
     *   output 300 + 1,200 + 400 + 20 + 10 = 1,930; cache reads 1,920 + 4,096 + 8,000 = 14,016
     */
    @Test
    void shouldReadEachUsageShape() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(TestLogs.path("usage"));

        assertThat(imported.events()).hasSize(5);
        assertThat(imported.sum(Usage::inputTokens)).isEqualTo(16_676);
        assertThat(imported.sum(Usage::outputTokens)).isEqualTo(1_930);
        assertThat(imported.sum(Usage::cacheReadTokens)).isEqualTo(14_016);
        assertThat(imported.events()).extracting(TurnEvent::model).containsExactly("gpt-4o-2024-08-06", "gpt-5",
                "claude-sonnet-4-5-20250929", "gpt-4o-mini", "gpt-5-mini");

        TurnEvent chat = imported.events().get(0);
        assertThat(chat.usage()).isEqualTo(new Usage(2_006L, 300L, 1_920L, null, null, 0L, 2_306L));
        assertThat(chat.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(chat.sessionId()).isEqualTo("chat-1");
        assertThat(chat.eventId()).isEqualTo(EventIds.hashed("usage:", "response", "chatcmpl-001"));
        assertThat(imported.events().get(1).usage())
                .isEqualTo(new Usage(5_000L, 1_200L, 4_096L, null, null, 800L, 6_200L));
        assertThat(imported.events().get(2).usage())
                .isEqualTo(new Usage(9_520L, 400L, 8_000L, 500L, 1_000L, null, null));
        TurnEvent batch = imported.events().get(3);
        assertThat(batch.eventId()).isEqualTo(EventIds.hashed("usage:", "response", "chatcmpl-002"));
        assertThat(batch.sessionId()).isEqualTo("api-usage");
        assertThat(batch.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:02:00Z"));

        assertThat(imported.summary().problems()).extracting(p -> p.where().substring(p.where().lastIndexOf(':')))
                .containsExactly(":6", ":8");
        assertThat(imported.summary().problems().get(0).reason())
                .isEqualTo("usage.prompt_tokens must be a number, got \"12\"");
        assertThat(imported.summary().problems().get(1).reason()).contains("not a valid turn event")
                .contains("$.usage");
        assertThat(imported.summary().of(Format.USAGE).ignored()).containsEntry("line without a usage object", 1L);
    }
}
