package io.agentmeter.writer.sink;


/**
 * Where the sink hands the rollup rows a batch wrote (or, on a replay, the rows its turns' keys hold), before its
 * transaction commits, while it still holds the rows' locks: so the rollup topics see each key's values in the order
 * PostgreSQL took them, and their last value per key is the table's. Keyed like the topics ({@code RollupKeys}).
 */
public interface RollupFeed extends AutoCloseable {

    /** A feed that publishes nothing (tests of the tables alone). */
    RollupFeed NONE = new RollupFeed() {
        @Override
        public void publish(RollupRows rows) {
        }

        @Override
        public void close() {
        }
    };

    /** Publishes {@code rows} and returns once they are acknowledged; throws when they cannot be (the batch fails). */
    void publish(RollupRows rows) throws Exception;

    @Override
    void close();
}
