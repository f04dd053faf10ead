package io.agentmeter.query.source;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Which rollup table is smallest, from PostgreSQL's own row estimates (pg_class.reltuples, kept by autovacuum),
 * re-read every ten minutes: when two tables can answer a query, the one with fewer rows per window is read.
 */
@ApplicationScoped
public class TableStats {

    private static final Duration REFRESH = Duration.ofMinutes(10);
    private static final String ESTIMATES = "SELECT relname, reltuples FROM pg_class WHERE relname IN"
            + " ('model_rollups', 'agent_rollups', 'tool_rollups')";

    private final DataSource dataSource;
    private volatile Map<RollupTable, Double> rows = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    public TableStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The candidate with the fewest rows; the first when the estimates are unknown. */
    public RollupTable smallest(List<RollupTable> candidates) throws SQLException {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        Map<RollupTable, Double> estimates = estimates();
        RollupTable best = candidates.get(0);
        for (RollupTable t : candidates) {
            double size = estimates.getOrDefault(t, -1.0);
            double bestSize = estimates.getOrDefault(best, -1.0);
            if (size >= 0 && bestSize >= 0 && size < bestSize) {
                best = t;
            }
        }
        return best;
    }

    private Map<RollupTable, Double> estimates() throws SQLException {
        if (readAt.plus(REFRESH).isAfter(Instant.now())) {
            return rows;
        }
        Map<RollupTable, Double> fresh = new EnumMap<>(RollupTable.class);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ESTIMATES);
             ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                for (RollupTable t : RollupTable.values()) {
                    if (t.table().equals(r.getString(1))) {
                        fresh.put(t, r.getDouble(2));
                    }
                }
            }
        }
        rows = fresh;
        readAt = Instant.now();
        return fresh;
    }
}
