package io.agentmeter.writer;

import io.agentmeter.architecture.EntryPointModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;

/**
 * The writer's main code imports no other service, has no package cycle, and its sub-packages ({@code sink},
 * {@code jdbc}) do not import its root package (rules: {@link ModuleRules}).
 */
class ArchitectureTest extends EntryPointModuleArchitecture {

    ArchitectureTest() {
        super("io.agentmeter.writer", WriterMain.class, Kind.SERVICE);
    }
}
