package io.agentmeter.ingest.kafka;

/**
 * Kafka did not acknowledge every record of a publish within its bound. Some records may still have been written:
 * the caller answers so that the client retries, and downstream dedupe by event id makes the retry harmless.
 */
public class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    public KafkaUnavailableException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** True when waiting may help (broker down, timeout); false for errors a retry will meet again. */
    public boolean retriable() {
        return retriable;
    }
}
