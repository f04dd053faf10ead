package io.agentmeter.aggregator.sink;

import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.ToolRollup;
import java.util.Map;

/**
 * Where the sink hands the rollup rows a batch wrote (or, on a replay, the rows its turns' keys hold), before its
 * transaction commits, while it still holds the rows' locks: so the rollup topics see each key's values in the order
 * PostgreSQL took them, and their last value per key is the table's. Keyed like the topics ({@code RollupKeys}).
 */
public interface RollupFeed extends AutoCloseable {

    /** A feed that publishes nothing (tests of the tables alone). */
    RollupFeed NONE = new RollupFeed() {
        @Override
        public void publish(Rows rows) {
        }

        @Override
        public void close() {
        }
    };

    /** The current rows of every key one batch touched, per table. */
    record Rows(Map<String, SessionRollup> sessions, Map<String, ModelRollup> models, Map<String, AgentRollup> agents,
                Map<String, ToolRollup> tools) {

        public int size() {
            return sessions.size() + models.size() + agents.size() + tools.size();
        }
    }

    /** Publishes {@code rows} and returns once they are acknowledged; throws when they cannot be (the batch fails). */
    void publish(Rows rows) throws Exception;

    @Override
    void close();
}
