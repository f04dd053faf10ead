package io.agentmeter.writer;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The writer's main code imports no other service, has no package cycle, and its sub-packages ({@code sink},
 * {@code jdbc}) do not import its root package (rules: {@link ModuleRules}).
 */
class ArchitectureTest {

    private static final String ROOT = "io.agentmeter.writer";
    private static final JavaClasses MAIN = ModuleRules.mainClasses(WriterMain.class);

    @Test
    void shouldImportNoOtherService() {
        ModuleRules.importNoOtherService(ROOT).check(MAIN);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().check(MAIN);
    }

    @Test
    void shouldKeepTheRootPackageTheEntryPoint() {
        ModuleRules.subPackagesDoNotImport(ROOT).check(MAIN);
    }
}
