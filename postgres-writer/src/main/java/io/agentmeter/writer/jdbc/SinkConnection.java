package io.agentmeter.writer.jdbc;

import io.agentmeter.schema.db.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's connection to PostgreSQL, (re)opened on demand, so an outage costs a failed write and a reconnect,
 * never a stuck pool. Before the first connection it applies the migrations (idempotent), so the writer can start
 * before the database is up. Not thread-safe: one per sink thread.
 */
final class SinkConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkConnection.class);

    private final String url;
    private final Properties properties = new Properties();
    private Connection connection;
    private boolean migrated;

    SinkConnection(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // Batched INSERT … VALUES become multi-row statements; bounded waits so an outage fails fast.
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "agentmeter-sink");
    }

    /** The open connection (auto-commit off), opened now if there is none. */
    Connection get() throws SQLException {
        if (connection != null) {
            return connection;
        }
        if (!migrated) {
            try {
                int ran = Migrations.apply(JdbcStorage.dataSource(url, properties.getProperty("user"),
                        properties.getProperty("password")));
                LOG.info("database schema up to date ({} migrations applied)", ran);
            } catch (RuntimeException e) {
                throw new SQLException("cannot apply migrations: " + e.getMessage(), e);
            }
            migrated = true;
        }
        Connection opened = DriverManager.getConnection(url, properties);
        opened.setAutoCommit(false);
        connection = opened;
        return opened;
    }

    /** Rolls back and drops the connection after a failed write: the next {@link #get} opens a new one. */
    void discard() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone anyway
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
        connection = null;
    }

    @Override
    public void close() {
        discard();
    }

    static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(10);
        dataSource.setApplicationName("agentmeter-sink");
        return dataSource;
    }
}
