package io.agentmeter.cli.args;

/** A command line that cannot be run as given; the message says why, and the usage is printed after it. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
