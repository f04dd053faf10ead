package io.agentmeter.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.agentmeter.architecture.ModuleRules;
import io.agentmeter.archfixture.ReadsTheAggregator;
import org.junit.jupiter.api.Test;

/**
 * The query API's main code imports neither the gateway nor the aggregator, has no package cycle, and its root
 * package is not imported by its sub-packages (rules: {@link ModuleRules}). The last test shows the first rule failing
 * on a class that imports the aggregator.
 */
class ArchitectureTest {

    private static final String ROOT = "io.agentmeter.query";
    private static final JavaClasses MAIN = ModuleRules.mainClasses(QueryConfigCheck.class);

    @Test
    void shouldImportNoOtherService() {
        ModuleRules.importNoOtherService(ROOT).check(MAIN);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().check(MAIN);
    }

    @Test
    void shouldKeepTheRootPackageOutOfItsSubPackages() {
        ModuleRules.subPackagesDoNotImport(ROOT).check(MAIN);
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
