package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ZeroClaw's state/costs.jsonl (fixture written from ZeroClaw's CostRecord; see SOURCES.md). */
class ZeroClawImportTest {

    /*
     * zeroclaw/hand-written/state/costs.jsonl:
     *   line 1: anthropic/claude-sonnet-4-20250514 in 1,000 out 500 total 1,500 cost_usd 0.0105
     *   line 2: openai/gpt-4o                      in 2,400 out 300 total 2,700 cost_usd 0.009
     *   line 3: ollama/llama3.2                    in 800   out 200 total 1,000 cost_usd 0.0 (no price in ZeroClaw)
     *   line 4: not-a-json-line  -> a problem at :4
     *   line 5: blank            -> skipped
     *   totals: input 4,200, output 1,000, total 5,200; reported cost 0.0105 + 0.009 = 0.0195 (the 0.0 is left out)
     */
    @Test
    void shouldReadCostRecordsAndLeaveZeroCostsUnreported() throws Exception {
        TestLogs.Imported imported = TestLogs.importPaths(TestLogs.path("zeroclaw"));

        assertThat(imported.events()).hasSize(3);
        assertThat(imported.sum(Usage::inputTokens)).isEqualTo(4_200);
        assertThat(imported.sum(Usage::outputTokens)).isEqualTo(1_000);
        assertThat(imported.sum(Usage::totalTokens)).isEqualTo(5_200);
        TurnEvent first = imported.events().get(0);
        assertThat(first.eventId()).isEqualTo("zeroclaw:7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");
        assertThat(first.sessionId()).isEqualTo("3f2b8c1d-5e6f-4a7b-9c0d-1e2f3a4b5c6d");
        assertThat(first.model()).isEqualTo("anthropic/claude-sonnet-4-20250514");
        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-02-21T10:15:30.123456789Z"));
        assertThat(first.reportedCostUsd()).isEqualByComparingTo("0.0105");
        assertThat(first.usage().cacheReadTokens()).isNull();
        assertThat(imported.events().get(2).reportedCostUsd()).isNull();

        assertThat(imported.summary().problemCount()).isEqualTo(1);
        ImportProblem problem = imported.summary().problems().get(0);
        assertThat(problem.where()).endsWith("zeroclaw/hand-written/state/costs.jsonl:4");
        assertThat(problem.reason()).startsWith("not valid JSON");
    }
}
