package io.agentmeter.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The module rules ({@link ModuleRules}) as JUnit tests: each module's {@code ArchitectureTest} extends this with its
 * root package, one of its main classes and its kind, and adds the rules that are its own. A service imports no other
 * service; a shared module (schemas, local-stack, the two support modules, the cli) imports no service; every module
 * is free of package cycles. {@link EntryPointModuleArchitecture} adds the rule of modules whose root package is their
 * entry point.
 */
public abstract class ModuleArchitecture {

    /** What the module is to the others. */
    protected enum Kind {
        /** One of {@link ModuleRules#SERVICES}: it may import none of the others. */
        SERVICE,
        /** Used by the services (or by nobody): it may import none of them. */
        SHARED
    }

    private static final Map<Class<?>, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private final String root;
    private final Kind kind;
    private final Class<?> anyMainClass;

    protected ModuleArchitecture(String root, Class<?> anyMainClass, Kind kind) {
        this.root = root;
        this.kind = kind;
        this.anyMainClass = anyMainClass;
    }

    /** The module's root package. */
    protected final String root() {
        return root;
    }

    /** The module's main classes, imported once per test class. */
    protected final JavaClasses mainClasses() {
        return IMPORTED.computeIfAbsent(anyMainClass, ModuleRules::mainClasses);
    }

    @Test
    void shouldImportNoServiceItMustNot() {
        (kind == Kind.SERVICE ? ModuleRules.importNoOtherService(root) : ModuleRules.importNoService())
                .check(mainClasses());
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ModuleRules.noPackageCycles().check(mainClasses());
    }
}
