package io.agentmeter.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The gateway's main code imports neither the aggregator nor the query API, has no package cycle, and its root
 * package is not imported by its sub-packages (rules: {@link ModuleRules}).
 */
class ArchitectureTest {

    private static final String ROOT = "io.agentmeter.ingest";
    private static final JavaClasses MAIN = ModuleRules.mainClasses(Startup.class);

    @Test
    void shouldImportNoOtherService() {
        ModuleRules.importNoOtherService(ROOT).check(MAIN);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().check(MAIN);
    }

    @Test
    void shouldKeepTheRootPackageOutOfItsSubPackages() {
        ModuleRules.subPackagesDoNotImport(ROOT).check(MAIN);
    }
}
