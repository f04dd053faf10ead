package io.agentmeter.service.db;

import io.agentmeter.service.http.ErrorAnswer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs a database call for a request: a database that cannot answer becomes 503 with Retry-After, never a 500. A
 * statement cancelled by its statement timeout (the query API sets one; the gateway does not) is told apart as
 * {@link #TIMEOUT}, so that a client narrows its query instead of sending it again.
 */
public final class Database {

    private static final Logger LOG = Logger.getLogger(Database.class);
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** The error codes of a failed database call. */
    public static final String UNAVAILABLE = "database_unavailable";
    public static final String TIMEOUT = "query_timeout";

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

    /**
     * The 503 for a failed call. PostgreSQL's own text (hosts, tables, SQL) goes to the log only, never to a client.
     */
    public static ErrorAnswer unavailable(SQLException e) {
        LOG.warnf("PostgreSQL call failed: %s (SQLState %s)", e.getMessage(), e.getSQLState());
        if (errorCode(e).equals(TIMEOUT)) {
            return new ErrorAnswer(503, TIMEOUT, "the query took longer than the statement timeout;"
                    + " narrow the range or the filter", List.of(), RETRY_AFTER);
        }
        return new ErrorAnswer(503, UNAVAILABLE, "PostgreSQL did not complete the request; retry later",
                List.of(), RETRY_AFTER);
    }

    /** {@link #TIMEOUT} for a statement cancelled by the statement timeout, else {@link #UNAVAILABLE}. */
    public static String errorCode(SQLException e) {
        return "57014".equals(e.getSQLState()) ? TIMEOUT : UNAVAILABLE;
    }

    /** Whether an answer's error code says that PostgreSQL failed the call. */
    public static boolean isDatabaseError(String code) {
        return UNAVAILABLE.equals(code) || TIMEOUT.equals(code);
    }
}
