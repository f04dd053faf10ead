package io.agentmeter.runtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/** A library the services use: it imports none of them (rules: {@link ModuleRules}). */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleRules.mainClasses(ServiceMain.class);

    @Test
    void shouldImportNoService() {
        ModuleRules.importNoService().check(MAIN);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().check(MAIN);
    }
}
