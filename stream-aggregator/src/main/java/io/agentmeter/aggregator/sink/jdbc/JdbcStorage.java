package io.agentmeter.aggregator.sink.jdbc;

import io.agentmeter.aggregator.sink.SinkBatch;
import io.agentmeter.aggregator.sink.Storage;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.schema.db.TurnRowWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL behind the sink: one connection, (re)opened on demand, so an outage costs a failed write and a
 * reconnect, never a stuck pool. Before the first write it applies the migrations (idempotent), so the aggregator
 * can start before the database is up. Turns go through {@link TurnRowWriter} (the one writer of {@code turns});
 * rollups through {@link RollupUpserts}; all in one transaction.
 */
public final class JdbcStorage implements Storage {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final String url;
    private final Properties properties = new Properties();
    private Connection connection;
    private boolean migrated;

    public JdbcStorage(String url, String user, String password) {
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

    @Override
    public void write(SinkBatch batch) throws SQLException {
        Connection c = connection();
        try {
            TurnRowWriter.insert(c, batch.turns());
            RollupUpserts.sessions(c, batch.sessions());
            RollupUpserts.models(c, batch.models());
            RollupUpserts.agents(c, batch.agents());
            RollupUpserts.tools(c, batch.tools());
            SettledChanges.mark(c, batch);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            discard();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection != null) {
            return connection;
        }
        if (!migrated) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            dataSource.setUser(properties.getProperty("user"));
            dataSource.setPassword(properties.getProperty("password"));
            try {
                int ran = Migrations.apply(dataSource);
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

    private void discard() {
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
}
