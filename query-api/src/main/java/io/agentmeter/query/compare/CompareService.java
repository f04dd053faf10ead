package io.agentmeter.query.compare;

import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.ModelPrice;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.query.config.QueryConfig;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.pricing.Prices;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Models on the same prompts, and the counterfactual cost of a selection on another model. */
@ApplicationScoped
public class CompareService {

    private final CompareRepository repository;
    private final Prices prices;
    private final QueryConfig.Query limits;

    public CompareService(CompareRepository repository, Prices prices, QueryConfig config) {
        this.repository = repository;
        this.prices = prices;
        this.limits = config.query();
    }

    public ModelComparison models(Filter filter, List<String> promptHashes, int minModels) {
        return Database.call(() -> repository.models(filter, promptHashes, minModels));
    }

    public Counterfactual counterfactual(Filter filter, List<String> promptHashes, String targetModel,
                                         String targetProvider) {
        PriceBook book = prices.book();
        Optional<ModelPrice> atEnd = book.find(filter.tenantId(), targetProvider, targetModel,
                filter.to().minusNanos(1));
        if (atEnd.isEmpty() && book.find(filter.tenantId(), targetProvider, targetModel, filter.from()).isEmpty()) {
            throw ApiException.badParameter("target_model", "has no price in the price book (shipped LiteLLM file"
                    + " and the prices table) for this range: \"" + targetModel + "\"");
        }
        Map<String, Tally> byModel = new TreeMap<>();
        long[] seen = {0};
        int max = limits.counterfactualMaxTurns();
        Database.call(() -> {
            repository.usage(filter, promptHashes, limits.exportFetchSize(), row -> {
                if (++seen[0] > max) {
                    return false;
                }
                Optional<ModelPrice> price = book.find(filter.tenantId(), targetProvider, targetModel,
                        row.occurredAt());
                TurnCost cost = CostEngine.price(row.usage(), null, price);
                byModel.computeIfAbsent(row.model(), m -> new Tally()).add(row.costUsd(), cost, price.isPresent());
                return true;
            });
            return null;
        });
        if (seen[0] > max) {
            throw ApiException.badParameter("from", "the selection holds more than " + max + " turns; narrow the"
                    + " range or the filter (agentmeter.query.counterfactual-max-turns)");
        }
        List<Counterfactual.Line> lines = new ArrayList<>();
        Tally total = new Tally();
        byModel.forEach((model, t) -> {
            lines.add(t.line(model));
            total.merge(t);
        });
        return new Counterfactual(targetModel, targetProvider, atEnd.map(ModelPrice::model).orElse(null), lines,
                total.line(null));
    }

    /** Running sums for one source model; money exact. */
    private static final class Tally {
        long turns;
        BigDecimal actual;
        long actualTurns;
        BigDecimal target;
        long targetTurns;
        long targetIncomplete;
        long targetUnpriced;
        long comparable;
        BigDecimal comparableActual;
        BigDecimal comparableTarget;

        void add(BigDecimal actualCost, TurnCost cost, boolean priced) {
            turns++;
            if (actualCost != null) {
                actual = plus(actual, actualCost);
                actualTurns++;
            }
            BigDecimal targetCost = cost.totalUsd();
            if (targetCost != null) {
                target = plus(target, targetCost);
                targetTurns++;
            } else if (priced) {
                targetIncomplete++;
            } else {
                targetUnpriced++;
            }
            if (actualCost != null && targetCost != null) {
                comparable++;
                comparableActual = plus(comparableActual, actualCost);
                comparableTarget = plus(comparableTarget, targetCost);
            }
        }

        void merge(Tally o) {
            turns += o.turns;
            actual = plus(actual, o.actual);
            actualTurns += o.actualTurns;
            target = plus(target, o.target);
            targetTurns += o.targetTurns;
            targetIncomplete += o.targetIncomplete;
            targetUnpriced += o.targetUnpriced;
            comparable += o.comparable;
            comparableActual = plus(comparableActual, o.comparableActual);
            comparableTarget = plus(comparableTarget, o.comparableTarget);
        }

        Counterfactual.Line line(String model) {
            BigDecimal difference = comparableActual == null ? null : comparableTarget.subtract(comparableActual);
            return new Counterfactual.Line(model, turns, actual, actualTurns, target, targetTurns, targetIncomplete,
                    targetUnpriced, comparable, comparableActual, comparableTarget, difference);
        }

        private static BigDecimal plus(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.add(b);
        }
    }
}
