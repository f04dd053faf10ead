package io.agentmeter.writer.jdbc;

import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.writer.sink.RollupFeed;
import io.agentmeter.writer.sink.RollupRows;
import io.agentmeter.writer.sink.SinkBatch;
import io.agentmeter.writer.sink.Storage;
import java.sql.Connection;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL behind the turn sink, on one {@link SinkConnection}. Turns go through {@link TurnRowWriter} (the one
 * writer of {@code turns}), and those new to it are added to the rollups by the {@link RollupLedger}, all in one
 * transaction: the rollups count exactly the turns the table holds. The rollup rows go to the {@link RollupFeed}
 * before the commit. Before that transaction the turns' months get their partitions
 * ({@link MonthlyPartitions#ensureFor}, a no-op for months known to exist).
 */
public final class JdbcStorage implements Storage<PricedTurn> {

    private final SinkConnection connection;
    private final MonthlyPartitions partitions;
    private final RollupFeed feed;

    /** A storage with partitions of its own, on the wall clock, publishing no rollups. */
    public JdbcStorage(String url, String user, String password) {
        this(url, user, password, MonthlyPartitions.turns(Clock.systemUTC(), MonthlyPartitions.DEFAULT_MONTHS_AHEAD));
    }

    /** A storage that shares {@code partitions} with the {@link TableUpkeep}, publishing no rollups. */
    public JdbcStorage(String url, String user, String password, MonthlyPartitions partitions) {
        this(url, user, password, partitions, RollupFeed.NONE);
    }

    /**
     * A storage that shares {@code partitions} (what it knows exists) with the {@link TableUpkeep} and hands each
     * batch's rollup rows to {@code feed} before its transaction commits.
     */
    public JdbcStorage(String url, String user, String password, MonthlyPartitions partitions, RollupFeed feed) {
        this.connection = new SinkConnection(url, user, password);
        this.partitions = partitions;
        this.feed = feed;
    }

    /** The batch's turns, as {@link #write(List)}. */
    public Written write(SinkBatch batch) throws Exception {
        return write(batch.turns());
    }

    @Override
    public Written write(List<PricedTurn> turns) throws Exception {
        Connection c = connection.get();
        try {
            partitions.ensureFor(c, turns.stream().map(turn -> turn.turn().occurredAt()).toList());
            List<PricedTurn> fresh = TurnRowWriter.insertNew(c, turns);
            RollupRows rows = RollupLedger.add(c, turns, fresh);
            SettledChanges.mark(c, fresh);
            List<PricedTurn> copies = copies(turns, fresh);
            List<Conflict> conflicts = StoredCopies.conflicts(c, copies);
            feed.publish(rows);
            c.commit();
            return new Written(fresh.size(), copies.size(), conflicts);
        } catch (Exception e) {
            connection.discard();
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
        return SinkConnection.dataSource(url, user, password);
    }

    @Override
    public void close() {
        connection.close();
        feed.close();
    }
}
