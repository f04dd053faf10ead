package io.agentmeter.writer.sink;

import java.util.List;

/**
 * Where the sink puts what the aggregator emitted. {@link #write} is all or nothing and idempotent: writing the
 * same batch again (after a crash between the write and the offset commit) changes nothing.
 */
public interface Storage extends AutoCloseable {

    /** A copy of a stored turn whose content differs from it: which, and the first field that differs. */
    record Conflict(String tenantId, String eventId, String difference) {
    }

    /**
     * What a write did: how many turns of the batch were new, how many were copies of stored turns (not stored or
     * counted again), and which of those copies differ from the stored turn.
     */
    record Written(int fresh, int copies, List<Conflict> conflicts) {

        public static final Written NOTHING = new Written(0, 0, List.of());
    }

    /** Writes the whole batch in one transaction, or nothing; throws when the store cannot take it now. */
    Written write(SinkBatch batch) throws Exception;

    @Override
    void close();
}
