package io.agentmeter.writer.jdbc;

import io.agentmeter.schema.db.SettledWindow;
import io.agentmeter.schema.priced.PricedTurn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Bumps a tenant's generation in {@code settled_changes} (migration V10) when a batch writes into windows the query
 * API may take as settled ({@link SettledWindow#mayChangeSettled}): a new turn of that age (its rollup rows change
 * with it). The query API keeps settled windows in memory and serves them only while the
 * generation they were read under is current. Live traffic writes nothing here; a backfill of old logs writes one row
 * per tenant per batch, in the batch's transaction, so the new generation is visible exactly when its data is.
 */
final class SettledChanges {

    static final String BUMP = """
            INSERT INTO settled_changes (tenant_id, generation, changed_at) VALUES (?, 1, now())
            ON CONFLICT ON CONSTRAINT settled_changes_pk
            DO UPDATE SET generation = settled_changes.generation + 1, changed_at = now()""";

    private SettledChanges() {
    }

    /** Bumps the generation of every tenant whose settled windows the new {@code turns} change, on this clock. */
    static void mark(Connection c, Collection<PricedTurn> turns) throws SQLException {
        mark(c, turns, Instant.now());
    }

    /** Bumps the generation of every tenant whose settled windows the new {@code turns} change, as at {@code now}. */
    static void mark(Connection c, Collection<PricedTurn> turns, Instant now) throws SQLException {
        // Sorted, so that two sinks bumping the same tenants lock their rows in one order.
        SortedSet<String> tenants = new TreeSet<>();
        for (PricedTurn turn : turns) {
            if (SettledWindow.mayChangeSettled(turn.turn().occurredAt(), now)) {
                tenants.add(turn.turn().tenantId());
            }
        }
        bump(c, tenants);
    }

    /**
     * Bumps the generation of each of {@code tenants} (sorted, so that two writers lock their rows in one order);
     * also for whatever else changes settled windows, such as {@link Retention}.
     */
    static void bump(Connection c, SortedSet<String> tenants) throws SQLException {
        if (tenants.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(BUMP)) {
            for (String tenant : tenants) {
                s.setString(1, tenant);
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
