package io.agentmeter.aggregator;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.agentmeter.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The aggregator's main code imports no other service, has no package cycle, and its sub-packages do not import
 * its root package (rules: {@link ModuleRules}). {@link PublicStreamsApiTest} keeps Kafka Streams' internals out.
 */
class ArchitectureTest {

    private static final String ROOT = "io.agentmeter.aggregator";
    private static final JavaClasses MAIN = ModuleRules.mainClasses(AggregatorMain.class);

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
