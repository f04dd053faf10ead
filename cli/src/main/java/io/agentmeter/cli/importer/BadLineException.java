package io.agentmeter.cli.importer;

/** A line that should carry a turn but cannot be read; the message is the reason reported with file:line. */
final class BadLineException extends Exception {

    private static final long serialVersionUID = 1L;

    BadLineException(String reason) {
        super(reason, null, false, false);
    }
}
