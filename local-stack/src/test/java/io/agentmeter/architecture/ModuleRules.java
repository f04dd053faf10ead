package io.agentmeter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.net.URL;
import java.util.List;

/**
 * The module boundaries as ArchUnit rules. Each module's {@code ArchitectureTest} imports its own main classes
 * ({@link #mainClasses}) and checks the rules that apply to it, so a forbidden import fails that module's build.
 * Shipped to the other modules in local-stack's test-jar; {@code ModuleRulesTest} shows each rule failing on a
 * fixture that breaks it.
 *
 * <ul>
 *   <li>no service imports another ({@link #importNoOtherService});</li>
 *   <li>{@code schemas}, {@code service-support}, {@code local-stack} and the {@code cli}'s main code import no service
 *       ({@link #importNoService}); the cli's tests may start them;</li>
 *   <li>no package cycles ({@link #noPackageCycles});</li>
 *   <li>a module's root package is its entry point: its sub-packages do not import it
 *       ({@link #subPackagesDoNotImport}).</li>
 * </ul>
 */
public final class ModuleRules {

    /** The root packages of the four services: ingest-gateway, stream-aggregator, postgres-writer and query-api. */
    public static final List<String> SERVICES = List.of(
            "io.agentmeter.ingest", "io.agentmeter.aggregator", "io.agentmeter.writer", "io.agentmeter.query");

    private ModuleRules() {
    }

    /**
     * The main classes of the module running the test: everything in the class directory (or jar) that holds
     * {@code anyMainClass}, its test classes left out. Fails when there are none, so that a rule never passes for
     * want of classes. Classes they import from elsewhere are known by name only (the rules need no more).
     */
    public static JavaClasses mainClasses(Class<?> anyMainClass) {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        URL location = anyMainClass.getProtectionDomain().getCodeSource().getLocation();
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrl(location);
        if (!classes.contain(anyMainClass)) {
            throw new IllegalStateException("no main classes of " + anyMainClass.getName() + " found in " + location);
        }
        return classes;
    }

    /** For a service's own classes: no class of the other services. */
    public static ArchRule importNoOtherService(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("not a service: " + service + "; the services are " + SERVICES);
        }
        return importNoneOf(SERVICES.stream().filter(s -> !s.equals(service)).toList())
                .because("a service talks to the others through Kafka topics and PostgreSQL tables, never their code");
    }

    /** For schemas, service-support, local-stack and the cli's main code: no class of any service. */
    public static ArchRule importNoService() {
        return importNoneOf(SERVICES)
                .because("the services depend on the shared modules, never the other way round");
    }

    static ArchRule importNoneOf(List<String> packages) {
        return noClasses().should().dependOnClassesThat()
                .resideInAnyPackage(packages.stream().map(p -> p + "..").toArray(String[]::new));
    }

    /**
     * No two packages import each other, directly or round a longer loop. A known cycle not yet broken is left out
     * with {@link SliceRule#ignoreDependency(Class, Class)} in the module's test, beside a note of how to break it.
     */
    public static SliceRule noPackageCycles() {
        return slices().matching("io.agentmeter.(**)").should().beFreeOfCycles();
    }

    /** Classes in {@code root}'s sub-packages do not import {@code root}: it uses them, they never use it. */
    public static ArchRule subPackagesDoNotImport(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root)
                .because(root + " is the entry point: what its sub-packages share lives in a sub-package of its own");
    }
}
