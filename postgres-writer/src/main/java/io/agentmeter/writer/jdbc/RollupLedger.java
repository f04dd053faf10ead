package io.agentmeter.writer.jdbc;

import io.agentmeter.writer.sink.RollupFeed;
import io.agentmeter.writer.sink.RollupRows;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.SessionRollup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

/**
 * Adds turns to the rollup tables in the transaction that inserts them, so the rollups count exactly the turns the
 * {@code turns} table holds, of any age and in any order: the caller passes the turns PostgreSQL's key guard took as
 * new ({@code TurnRowWriter.insertNew}); a replayed batch, a copy, a conflicting copy adds nothing, and a turn a year
 * old adds to its year-old windows like any other.
 *
 * <p>For each table: the stored rows of the keys the batch touches are read, the new turns' sums added to them in
 * Java (the latency sketches and the per-model breakdowns merge there, not in SQL), and the results written back as
 * absolute values ({@link RollupUpserts}). Two sinks adding to the same rows must not both read the old value. A
 * session's row is only ever written by the sink that owns its partition ({@code priced-turns} is keyed by session; a
 * partition moves only once its owner has committed, as the sink writes and commits between polls). The windowed rows
 * are shared by every partition, so before reading them the transaction takes one advisory lock per tenant of the
 * batch (sorted, so two writers never wait on each other in a cycle), held until commit or rollback: several sinks
 * insert turns and add to their sessions in parallel, and take turns only for the windowed rows. The query API only
 * reads and takes no such lock.
 *
 * <p>It returns the current row of every key the batch touched, written or not, for the {@link RollupFeed}: a batch
 * replayed after a crash between commit and publication writes nothing but publishes its rows again.
 */
final class RollupLedger {

    /** Locks the rollups of one tenant until the transaction ends; keyed by a 64-bit hash of the tenant. */
    private static final String LOCK = "SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT"
            + " hashtextextended('agentmeter rollups ' || t, 0) AS h FROM unnest(?::text[]) t ORDER BY 1) locks";

    private RollupLedger() {
    }

    /** A table's read of its stored rows by key. */
    private interface Reader<V> {
        Map<String, V> read(Connection c, Collection<V> keys) throws SQLException;
    }

    /** A table's write of whole rows. */
    private interface Writer<V> {
        void write(Connection c, Collection<V> rows) throws SQLException;
    }

    /**
     * Adds {@code fresh} (the turns of {@code batch} new to the database in this transaction) to every rollup table;
     * returns the current rows of every key {@code batch} touches.
     */
    static RollupRows add(Connection c, List<PricedTurn> batch, List<PricedTurn> fresh) throws SQLException {
        RollupRows added = RollupRows.of(fresh);
        RollupRows touched = fresh.size() == batch.size() ? added : RollupRows.of(batch);
        if (touched.isEmpty()) {
            return RollupRows.NONE;
        }
        // A session is one partition's (priced-turns is keyed by session), so one sink at a time adds to its row.
        Map<String, SessionRollup> sessions = table(c, touched.sessions(), added.sessions(), StoredRollups::sessions,
                SessionRollup::plus, RollupUpserts::sessions);
        lockTenants(c, touched.sessions().values());
        return new RollupRows(sessions,
                table(c, touched.models(), added.models(), StoredRollups::models, (a, b) -> a.plus(b),
                        RollupUpserts::models),
                table(c, touched.agents(), added.agents(), StoredRollups::agents, (a, b) -> a.plus(b),
                        RollupUpserts::agents),
                table(c, touched.tools(), added.tools(), StoredRollups::tools, (a, b) -> a.plus(b),
                        RollupUpserts::tools));
    }

    private static void lockTenants(Connection c, Collection<SessionRollup> sessions) throws SQLException {
        SortedSet<String> tenants = new TreeSet<>();
        sessions.forEach(s -> tenants.add(s.tenantId()));
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setArray(1, c.createArrayOf("text", tenants.toArray()));
            s.executeQuery().close();
        }
    }

    /**
     * Each delta of {@code added} plus its stored row (or alone where there is none yet), written in the deltas'
     * sorted order; returns the current row of every key of {@code touched}.
     */
    private static <V> Map<String, V> table(Connection c, Map<String, V> touched, Map<String, V> added,
                                            Reader<V> reader, BinaryOperator<V> plus, Writer<V> writer)
            throws SQLException {
        Map<String, V> stored = reader.read(c, touched.values());
        Map<String, V> current = new TreeMap<>(stored);
        List<V> written = new ArrayList<>(added.size());
        added.forEach((key, delta) -> {
            V old = stored.get(key);
            V now = old == null ? delta : plus.apply(old, delta);
            current.put(key, now);
            written.add(now);
        });
        writer.write(c, written);
        return current;
    }
}
