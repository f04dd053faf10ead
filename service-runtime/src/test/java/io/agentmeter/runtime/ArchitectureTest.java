package io.agentmeter.runtime;

import io.agentmeter.architecture.ModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;

/** A library the services use: it imports none of them (rules: {@link ModuleRules}). */
class ArchitectureTest extends ModuleArchitecture {

    ArchitectureTest() {
        super("io.agentmeter.runtime", ServiceMain.class, Kind.SHARED);
    }
}
