package io.agentmeter.cli.importer;

/**
 * A line that could not be imported.
 *
 * @param where  {@code path:line} (or just the path for a problem with a whole file)
 * @param reason why
 */
public record ImportProblem(String where, String reason) {

    @Override
    public String toString() {
        return where + ": " + reason;
    }
}
