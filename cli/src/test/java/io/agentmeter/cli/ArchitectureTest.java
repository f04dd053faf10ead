package io.agentmeter.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The command line's main code imports no service (its tests start them as processes), has no package cycle, and
 * its root package ({@link Main}) uses its sub-packages without being imported by them (rules: {@link ModuleRules}).
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = ModuleRules.mainClasses(Main.class);

    @Test
    void shouldImportNoService() {
        ModuleRules.importNoService().check(MAIN);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().check(MAIN);
    }

    @Test
    void shouldKeepTheRootPackageOutOfItsSubPackages() {
        ModuleRules.subPackagesDoNotImport("io.agentmeter.cli").check(MAIN);
    }
}
