package io.agentmeter.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.agentmeter.archfixture.cycle.billing.Invoice;
import io.agentmeter.archfixture.cycle.orders.Order;
import io.agentmeter.archfixture.shared.Plain;
import io.agentmeter.archfixture.shared.UsesAService;
import io.agentmeter.localstack.LocalStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules can fail: each is checked against fixture classes ({@code io.agentmeter.archfixture}) that break it, the
 * way a module's {@code ArchitectureTest} checks its main classes, and the failure names the offending import.
 */
class ModuleRulesTest {

    private static final String FIXTURES = "io.agentmeter.archfixture";

    @Test
    void shouldFailOnAPackageCycle() {
        JavaClasses classes = fixtures("cycle");

        assertThatThrownBy(() -> ModuleRules.noPackageCycles().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining(Invoice.class.getName());
    }

    @Test
    void shouldPassACycleWhoseDependencyIsIgnored() {
        JavaClasses classes = fixtures("cycle");

        ModuleRules.noPackageCycles().ignoreDependency(Invoice.class, Order.class).check(classes);
    }

    @Test
    void shouldFailOnASubPackageImportingItsRoot() {
        JavaClasses classes = fixtures("app");
        ArchRule rule = ModuleRules.subPackagesDoNotImport(FIXTURES + ".app");

        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Command")
                .hasMessageContaining("Entry");
        // No cycle there: the root package imports nothing back. The two rules hold different things.
        ModuleRules.noPackageCycles().check(classes);
    }

    @Test
    void shouldFailOnAForbiddenImportOfAService() {
        ArchRule rule = ModuleRules.importNoneOf(List.of(FIXTURES + ".service"));

        assertThatThrownBy(() -> rule.check(new ClassFileImporter().importClasses(UsesAService.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesAService.class.getName())
                .hasMessageContaining("io.agentmeter.archfixture.service.Service");
        rule.check(new ClassFileImporter().importClasses(Plain.class));
    }

    @Test
    void shouldForbidEveryOtherServiceToAService() {
        assertThat(ModuleRules.importNoOtherService("io.agentmeter.query").getDescription())
                .contains("io.agentmeter.ingest..", "io.agentmeter.aggregator..")
                .doesNotContain("io.agentmeter.query..");
        assertThat(ModuleRules.importNoService().getDescription())
                .contains("io.agentmeter.ingest..", "io.agentmeter.aggregator..", "io.agentmeter.query..");
        assertThatThrownBy(() -> ModuleRules.importNoOtherService("io.agentmeter.schema"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldImportTheMainClassesOfAModuleOnly() {
        JavaClasses main = ModuleRules.mainClasses(LocalStack.class);

        assertThat(main.contain(LocalStack.class)).isTrue();
        assertThat(main.contain(ModuleRulesTest.class)).isFalse();
    }

    @Test
    void shouldRefuseToCheckNoClasses() {
        // A class found in the test classes only: its main classes are none.
        assertThatThrownBy(() -> ModuleRules.mainClasses(Order.class)).isInstanceOf(IllegalStateException.class);
    }

    private static JavaClasses fixtures(String subPackage) {
        return new ClassFileImporter().importPackages(FIXTURES + "." + subPackage);
    }
}
