package io.agentmeter.localstack;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/** local-stack's main code imports no service and has no package cycle (rules: {@link ModuleRules}). */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleRules.mainClasses(LocalStack.class);

    @Test
    void shouldImportNoService() {
        ModuleRules.importNoService().check(MAIN);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().check(MAIN);
    }
}
