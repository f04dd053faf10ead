package io.agentmeter.localstack;

import io.agentmeter.architecture.ModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;

/** local-stack's main code imports no service and has no package cycle (rules: {@link ModuleRules}). */
class ArchitectureTest extends ModuleArchitecture {

    ArchitectureTest() {
        super("io.agentmeter.localstack", LocalStack.class, Kind.SHARED);
    }
}
