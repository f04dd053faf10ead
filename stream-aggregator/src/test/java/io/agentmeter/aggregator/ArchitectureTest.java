package io.agentmeter.aggregator;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The aggregator's main code imports neither the gateway nor the query API and has no package cycle but one known
 * (rules: {@link ModuleRules}). {@link PublicStreamsApiTest} keeps Kafka Streams' internals out.
 */
class ArchitectureTest {

    private static final String ROOT = "io.agentmeter.aggregator";
    private static final JavaClasses MAIN = ModuleRules.mainClasses(AggregatorMain.class);

    @Test
    void shouldImportNoOtherService() {
        ModuleRules.importNoOtherService(ROOT).check(MAIN);
    }

    /**
     * One cycle is known and left out: the root package ({@link AggregatorTopology} wires the steps) ↔ {@code dedupe},
     * {@code pricing}, {@code rollup} and {@code validate}, whose processors take the root's {@link AggregatorMetrics}
     * and {@link TopologySettings}. Moving those two to packages of their own breaks it; then drop the ignore.
     */
    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles()
                .ignoreDependency(resideInAPackage(ROOT + ".."), belongToAnyOf(AggregatorMetrics.class,
                        TopologySettings.class))
                .check(MAIN);
    }
}
