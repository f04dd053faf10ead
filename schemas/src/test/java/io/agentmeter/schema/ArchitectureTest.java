package io.agentmeter.schema;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import io.agentmeter.architecture.ModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * schemas' main code is {@code io.agentmeter.schema} and {@code io.agentmeter.pricing}, imports no service and has no
 * package cycle (rules: {@link ModuleRules}).
 */
class ArchitectureTest extends ModuleArchitecture {

    ArchitectureTest() {
        super("io.agentmeter.schema", TenantId.class, Kind.SHARED);
    }

    @Test
    void shouldHoldTheSchemaAndPricingPackagesOnly() {
        classes().should().resideInAnyPackage("io.agentmeter.schema..", "io.agentmeter.pricing..")
                .check(mainClasses());
    }
}
