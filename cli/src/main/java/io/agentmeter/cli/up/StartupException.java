package io.agentmeter.cli.up;

/** A part of the system did not start; the message names it and, for a service, ends with the tail of its log. */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
