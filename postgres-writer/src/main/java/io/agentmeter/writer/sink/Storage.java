package io.agentmeter.writer.sink;

import java.util.List;

/**
 * Where a sink puts what it read. {@link #write} is all or nothing and idempotent: writing the same batch again
 * (after a crash between the write and the offset commit) changes nothing.
 */
public interface Storage<V> extends AutoCloseable {

    /** A copy of a stored item whose content differs from it: which, and the first field that differs. */
    record Conflict(String tenantId, String eventId, String difference) {
    }

    /**
     * What a write did: how many items of the batch were new, how many were copies of stored ones (not stored or
     * counted again), and which of those copies differ from the stored one.
     */
    record Written(int fresh, int copies, List<Conflict> conflicts) {

        public static final Written NOTHING = new Written(0, 0, List.of());
    }

    /** Writes the whole batch in one transaction, or nothing; throws when the store cannot take it now. */
    Written write(List<V> batch) throws Exception;

    @Override
    void close();
}
