package io.agentmeter.architecture;

import org.junit.jupiter.api.Test;

/**
 * {@link ModuleArchitecture} for a module whose root package is its entry point: it uses its sub-packages and is
 * never imported by them (what they share lives in a sub-package of its own). Not for a library whose root holds
 * what its sub-packages share, like schemas' {@code TenantId}.
 */
public abstract class EntryPointModuleArchitecture extends ModuleArchitecture {

    protected EntryPointModuleArchitecture(String root, Class<?> anyMainClass, Kind kind) {
        super(root, anyMainClass, kind);
    }

    @Test
    void shouldKeepTheRootPackageOutOfItsSubPackages() {
        ModuleRules.subPackagesDoNotImport(root()).check(mainClasses());
    }
}
