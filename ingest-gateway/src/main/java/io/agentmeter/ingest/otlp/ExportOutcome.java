package io.agentmeter.ingest.otlp;

/**
 * What an export answer says in {@code partial_success}: how many items were rejected and a message naming the
 * rejected ones and the ignored ones (empty when there is nothing to say).
 */
public record ExportOutcome(long rejected, String message) {
}
