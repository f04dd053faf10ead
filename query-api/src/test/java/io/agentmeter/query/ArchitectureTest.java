package io.agentmeter.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.agentmeter.architecture.EntryPointModuleArchitecture;
import io.agentmeter.architecture.ModuleRules;
import io.agentmeter.archfixture.ReadsTheAggregator;
import org.junit.jupiter.api.Test;

/**
 * The query API's main code imports neither the gateway nor the aggregator, has no package cycle, and its root
 * package is not imported by its sub-packages (rules: {@link ModuleRules}). The last test shows the first rule failing
 * on a class that imports the aggregator.
 */
class ArchitectureTest extends EntryPointModuleArchitecture {

    private static final String ROOT = "io.agentmeter.query";

    ArchitectureTest() {
        super(ROOT, QueryConfigCheck.class, Kind.SERVICE);
    }

    @Test
    void shouldFailForAClassImportingAnotherService() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReadsTheAggregator.class);

        assertThatThrownBy(() -> ModuleRules.importNoOtherService(ROOT).check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ReadsTheAggregator.class.getName())
                .hasMessageContaining("io.agentmeter.aggregator.AggregatorTopology");
    }
}
