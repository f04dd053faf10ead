package io.agentmeter.query.compare;

import io.agentmeter.query.http.Tabular;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the selected turns would have cost on {@code target_model} with the same token counts, priced by the one cost
 * engine with the price in force at each turn's time (reported costs play no part). Per source model and in total.
 */
@Schema(name = "Counterfactual")
public record Counterfactual(
        String targetModel,
        String targetProvider,
        @Schema(description = "The price-book key the target resolved to (at the end of the range)") String pricedAs,
        List<Line> models,
        Line total) implements Tabular {

    /**
     * @param actualCostUsd     what the turns cost (sum over actual_cost_turns), exact
     * @param targetCostUsd     what they would have cost on the target (sum over target_cost_turns), exact
     * @param targetCostTurns   turns the target price could price (their counts known)
     * @param targetIncompleteTurns turns whose counts were not enough to price (e.g. output unknown)
     * @param targetUnpricedTurns   turns at a time the target had no price
     * @param comparableTurns   turns with both costs known
     * @param comparableActualUsd   actual cost over the comparable turns
     * @param comparableTargetUsd   target cost over the comparable turns
     */
    @Schema(name = "CounterfactualLine")
    public record Line(
            String model,
            long turns,
            BigDecimal actualCostUsd,
            long actualCostTurns,
            BigDecimal targetCostUsd,
            long targetCostTurns,
            long targetIncompleteTurns,
            long targetUnpricedTurns,
            long comparableTurns,
            BigDecimal comparableActualUsd,
            BigDecimal comparableTargetUsd,
            @Schema(description = "comparable_target_usd - comparable_actual_usd") BigDecimal differenceUsd) {
    }

    @Override
    public List<String> columns() {
        return List.of("model", "turns", "actual_cost_usd", "actual_cost_turns", "target_cost_usd",
                "target_cost_turns", "target_incomplete_turns", "target_unpriced_turns", "comparable_turns",
                "comparable_actual_usd", "comparable_target_usd", "difference_usd");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        models.forEach(l -> rows.add(cells(l)));
        rows.add(cells(total));
        return rows;
    }

    private static List<Object> cells(Line l) {
        return Arrays.asList(l.model(), l.turns(), l.actualCostUsd(), l.actualCostTurns(), l.targetCostUsd(),
                l.targetCostTurns(), l.targetIncompleteTurns(), l.targetUnpricedTurns(), l.comparableTurns(),
                l.comparableActualUsd(), l.comparableTargetUsd(), l.differenceUsd());
    }
}
