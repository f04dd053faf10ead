package io.agentmeter.aggregator.sink;

/**
 * Where the sink puts what the aggregator emitted. {@link #write} is all or nothing and idempotent: writing the
 * same batch again (after a crash between the write and the offset commit) changes nothing.
 */
public interface Storage extends AutoCloseable {

    /** Writes the whole batch in one transaction, or nothing; throws when the store cannot take it now. */
    void write(SinkBatch batch) throws Exception;

    @Override
    void close();
}
