package io.agentmeter.aggregator;

import io.agentmeter.architecture.EntryPointModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;

/**
 * The aggregator's main code imports no other service, has no package cycle, and its sub-packages do not import
 * its root package (rules: {@link ModuleRules}). {@link PublicStreamsApiTest} keeps Kafka Streams' internals out.
 */
class ArchitectureTest extends EntryPointModuleArchitecture {

    ArchitectureTest() {
        super("io.agentmeter.aggregator", AggregatorMain.class, Kind.SERVICE);
    }
}
