package io.agentmeter.archfixture.app.commands;

import io.agentmeter.archfixture.app.Entry;

/** A sub-package class importing its root package: no cycle, but the root is no longer only the entry point. */
public class Command {

    public int run(boolean usageError) {
        return Entry.exitCode(usageError);
    }
}
