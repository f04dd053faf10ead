package io.agentmeter.schema;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * schemas' main code is {@code io.agentmeter.schema} and {@code io.agentmeter.pricing}, imports no service and has no
 * package cycle (rules: {@link ModuleRules}).
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

    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().check(MAIN);
    }
}
