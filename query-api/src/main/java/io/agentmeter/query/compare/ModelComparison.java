package io.agentmeter.query.compare;

import io.agentmeter.query.http.Tabular;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Models compared on the same prompts: only turns whose prompt hash was sent to at least {@code min_models} of the
 * models in the selection count. Means and medians are over the turns that reported the count (coverage given);
 * latency quantiles are exact (PostgreSQL percentile_cont, linear interpolation) over the turns with a duration.
 */
@Schema(name = "ModelComparison")
public record ModelComparison(
        @Schema(description = "Prompt hashes shared by enough models") long sharedPrompts,
        int minModels,
        List<ModelStats> models) implements Tabular {

    @Schema(name = "ModelStats")
    public record ModelStats(
            String model,
            long turns,
            @Schema(description = "Distinct shared prompts this model answered") long prompts,
            BigDecimal meanInputTokens,
            Double medianInputTokens,
            long inputTokensTurns,
            BigDecimal meanOutputTokens,
            Double medianOutputTokens,
            long outputTokensTurns,
            @Schema(description = "Sum over cost_turns, exact") BigDecimal costUsd,
            @Schema(description = "cost_usd / cost_turns, 12 decimals") BigDecimal costPerTurnUsd,
            long costTurns,
            long unpricedTurns,
            long incompleteCostTurns,
            Double latencyP50Ms,
            Double latencyP95Ms,
            Double latencyP99Ms,
            long durationTurns,
            long errorTurns,
            Double errorRate) {
    }

    @Override
    public List<String> columns() {
        return List.of("model", "turns", "prompts", "mean_input_tokens", "median_input_tokens", "input_tokens_turns",
                "mean_output_tokens", "median_output_tokens", "output_tokens_turns", "cost_usd", "cost_per_turn_usd",
                "cost_turns", "unpriced_turns", "incomplete_cost_turns", "latency_p50_ms", "latency_p95_ms",
                "latency_p99_ms", "duration_turns", "error_turns", "error_rate");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (ModelStats m : models) {
            rows.add(Arrays.asList(m.model(), m.turns(), m.prompts(), m.meanInputTokens(), m.medianInputTokens(),
                    m.inputTokensTurns(), m.meanOutputTokens(), m.medianOutputTokens(), m.outputTokensTurns(),
                    m.costUsd(), m.costPerTurnUsd(), m.costTurns(), m.unpricedTurns(), m.incompleteCostTurns(),
                    m.latencyP50Ms(), m.latencyP95Ms(), m.latencyP99Ms(), m.durationTurns(), m.errorTurns(),
                    m.errorRate()));
        }
        return rows;
    }
}
