package io.agentmeter.cli.importer;

import java.time.Duration;

/**
 * How to import.
 *
 * @param format    the format of every file, or null to detect it per file
 * @param batchSize events per request or producer flush
 * @param defaults  fields set on every event
 * @param poll      watch mode: how long to wait at most for a file-change notification before looking anyway
 * @param settle    watch mode: how long a held-back Claude Code response may stay unchanged before it is sent
 */
public record ImportOptions(Format format, int batchSize, EventDefaults defaults, Duration poll, Duration settle) {

    public static final int DEFAULT_BATCH = 500;
    /** Watch mode's fallback: rounds run on file-change notifications, and at the latest this long apart. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

    public ImportOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        defaults = defaults == null ? EventDefaults.NONE : defaults;
        poll = poll == null ? DEFAULT_POLL : poll;
        settle = settle == null ? DEFAULT_SETTLE : settle;
    }

    public static ImportOptions standard() {
        return new ImportOptions(null, DEFAULT_BATCH, EventDefaults.NONE, DEFAULT_POLL, DEFAULT_SETTLE);
    }

    public ImportOptions withFormat(Format value) {
        return new ImportOptions(value, batchSize, defaults, poll, settle);
    }

    public ImportOptions withSettle(Duration value) {
        return new ImportOptions(format, batchSize, defaults, poll, value);
    }

    public ImportOptions withBatchSize(int value) {
        return new ImportOptions(format, value, defaults, poll, settle);
    }
}
