package io.agentmeter.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import io.agentmeter.service.http.ErrorAnswer;
import org.junit.jupiter.api.Test;

/**
 * service-support's main code is {@code io.agentmeter.service}, a library of the services: it imports no service, has
 * no package cycle, and its root package is not imported by its sub-packages (rules: {@link ModuleRules}).
 */
class ArchitectureTest {

    private static final String ROOT = "io.agentmeter.service";
    private static final JavaClasses MAIN = ModuleRules.mainClasses(ErrorAnswer.class);

    @Test
    void shouldHoldTheServicePackageOnly() {
        classes().should().resideInAPackage(ROOT + "..").check(MAIN);
    }

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
        ModuleRules.subPackagesDoNotImport(ROOT).check(MAIN);
    }
}
