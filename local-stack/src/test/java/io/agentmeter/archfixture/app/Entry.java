package io.agentmeter.archfixture.app;

/** A root package's entry point, like the cli's {@code Main}. */
public final class Entry {

    public static final int EXIT_USAGE = 2;

    public static int exitCode(boolean usageError) {
        return usageError ? EXIT_USAGE : 0;
    }
}
