package io.agentmeter.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import io.agentmeter.architecture.EntryPointModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;
import io.agentmeter.service.http.ErrorAnswer;
import org.junit.jupiter.api.Test;

/**
 * service-support's main code is {@code io.agentmeter.service}, a library of the services: it imports no service, has
 * no package cycle, and its root package is not imported by its sub-packages (rules: {@link ModuleRules}).
 */
class ArchitectureTest extends EntryPointModuleArchitecture {

    private static final String ROOT = "io.agentmeter.service";

    ArchitectureTest() {
        super(ROOT, ErrorAnswer.class, Kind.SHARED);
    }

    @Test
    void shouldHoldTheServicePackageOnly() {
        classes().should().resideInAPackage(ROOT + "..").check(mainClasses());
    }
}
