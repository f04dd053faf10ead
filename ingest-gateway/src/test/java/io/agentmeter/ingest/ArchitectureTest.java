package io.agentmeter.ingest;

import io.agentmeter.architecture.EntryPointModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;

/**
 * The gateway's main code imports neither the aggregator nor the query API, has no package cycle, and its root
 * package is not imported by its sub-packages (rules: {@link ModuleRules}).
 */
class ArchitectureTest extends EntryPointModuleArchitecture {

    ArchitectureTest() {
        super("io.agentmeter.ingest", Startup.class, Kind.SERVICE);
    }
}
