package io.agentmeter.cli.send;

/**
 * A batch could not be delivered. {@link #retryable()} says whether trying again later may help (the gateway or
 * Kafka was away, retries ran out) or not (a refused key, a malformed request).
 */
public final class SendException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public SendException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public SendException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
