package io.agentmeter.writer.jdbc;

import io.agentmeter.writer.sink.RollupFeed;
import io.agentmeter.writer.sink.RollupRows;
import io.agentmeter.writer.sink.SinkBatch;
import io.agentmeter.writer.sink.Storage;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.writer.jdbc.TurnRowWriter;
import io.agentmeter.schema.priced.PricedTurn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL behind the sink: one connection, (re)opened on demand, so an outage costs a failed write and a
 * reconnect, never a stuck pool. Before the first write it applies the migrations (idempotent), so the aggregator
 * can start before the database is up. Turns go through {@link TurnRowWriter} (the one writer of {@code turns}), and
 * those new to it are added to the rollups by the {@link RollupLedger}, all in one transaction: the rollups count
 * exactly the turns the table holds. The rollup rows go to the {@link RollupFeed} before the commit. Before that transaction the turns' months get their
 * partitions ({@link TurnPartitions#ensureFor}, a no-op for months known to exist).
 */
public final class JdbcStorage implements Storage {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final String url;
    private final Properties properties = new Properties();
    private final TurnPartitions partitions;
    private final RollupFeed feed;
    private Connection connection;
    private boolean migrated;

    /** A storage with partitions of its own, on the wall clock, publishing no rollups. */
    public JdbcStorage(String url, String user, String password) {
        this(url, user, password, new TurnPartitions(Clock.systemUTC(), TurnPartitions.DEFAULT_MONTHS_AHEAD));
    }

    /** A storage that shares {@code partitions} with the {@link TableUpkeep}, publishing no rollups. */
    public JdbcStorage(String url, String user, String password, TurnPartitions partitions) {
        this(url, user, password, partitions, RollupFeed.NONE);
    }

    /**
     * A storage that shares {@code partitions} (what it knows exists) with the {@link TableUpkeep} and hands each
     * batch's rollup rows to {@code feed} before its transaction commits.
     */
    public JdbcStorage(String url, String user, String password, TurnPartitions partitions, RollupFeed feed) {
        this.url = url;
        this.partitions = partitions;
        this.feed = feed;
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
    public Written write(SinkBatch batch) throws Exception {
        Connection c = connection();
        try {
            partitions.ensureFor(c, batch.turns());
            List<PricedTurn> fresh = TurnRowWriter.insertNew(c, batch.turns());
            RollupRows rows = RollupLedger.add(c, batch.turns(), fresh);
            SettledChanges.mark(c, fresh);
            List<PricedTurn> copies = copies(batch.turns(), fresh);
            List<Conflict> conflicts = StoredCopies.conflicts(c, copies);
            feed.publish(rows);
            c.commit();
            return new Written(fresh.size(), copies.size(), conflicts);
        } catch (Exception e) {
            discard();
            throw e;
        }
    }

    /** The turns of the batch that were not new: copies of stored turns (identity, as the batch holds them). */
    private static List<PricedTurn> copies(List<PricedTurn> batch, List<PricedTurn> fresh) {
        if (fresh.size() == batch.size()) {
            return List.of();
        }
        Set<PricedTurn> inserted = Collections.newSetFromMap(new IdentityHashMap<>());
        inserted.addAll(fresh);
        return batch.stream().filter(turn -> !inserted.contains(turn)).toList();
    }

    /** The database at {@code url}, for the migrations and the {@link TableUpkeep}; connecting waits 10 s at most. */
    public static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(10);
        dataSource.setApplicationName("agentmeter-sink");
        return dataSource;
    }

    private Connection connection() throws SQLException {
        if (connection != null) {
            return connection;
        }
        if (!migrated) {
            try {
                int ran = Migrations.apply(dataSource(url, properties.getProperty("user"),
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
        feed.close();
    }
}
