package io.agentmeter.ingest.http;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/** Runs a database call for a request: a database that cannot answer becomes 503 with Retry-After, never a 500. */
public final class Database {

    private static final Logger LOG = Logger.getLogger(Database.class);
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** A call that may fail with an {@link SQLException}. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws SQLException;
    }

    private Database() {
    }

    public static <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The 503 for a failed call. PostgreSQL's own text (hosts, tables, SQL) goes to the log only, never to a client. */
    public static ApiException unavailable(SQLException e) {
        LOG.warnf("PostgreSQL call failed: %s (SQLState %s)", e.getMessage(), e.getSQLState());
        return new ApiException(503, "database_unavailable", "PostgreSQL did not complete the request; retry later",
                List.of(), RETRY_AFTER);
    }
}
