package io.agentmeter.cli;

import io.agentmeter.architecture.EntryPointModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;

/**
 * The command line's main code imports no service (its tests start them as processes), has no package cycle, and
 * its root package ({@link Main}) uses its sub-packages without being imported by them (rules: {@link ModuleRules}).
 */
class ArchitectureTest extends EntryPointModuleArchitecture {

    ArchitectureTest() {
        super("io.agentmeter.cli", Main.class, Kind.SHARED);
    }
}
