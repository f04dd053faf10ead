package io.agentmeter.schema;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import io.agentmeter.schema.kafka.Keys;
import io.agentmeter.schema.rollup.RollupKeys;
import org.junit.jupiter.api.Test;

/**
 * schemas' main code is {@code io.agentmeter.schema} and {@code io.agentmeter.pricing}, imports no service and has no
 * package cycle but one known (rules: {@link ModuleRules}).
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleRules.mainClasses(TenantId.class);

    @Test
    void shouldHoldTheSchemaAndPricingPackagesOnly() {
        classes().should().resideInAnyPackage("io.agentmeter.schema..", "io.agentmeter.pricing..").check(MAIN);
    }

    @Test
    void shouldImportNoService() {
        ModuleRules.importNoService().check(MAIN);
    }

    /**
     * One cycle is known and left out: {@code schema.kafka} ↔ {@code schema.rollup}. {@code Topics} names the rollup
     * value types (as it must), and {@link RollupKeys#session} delegates to {@link Keys#session}. Moving {@code Keys}
     * to {@code io.agentmeter.schema}, beside the {@code TenantId} rule it relies on, breaks it; then drop the
     * ignore.
     */
    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().ignoreDependency(RollupKeys.class, Keys.class).check(MAIN);
    }
}
