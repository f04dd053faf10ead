package io.agentmeter.query.source;

import io.agentmeter.query.config.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A tenant's generation of settled windows ({@code settled_changes}, migration V10): the sink bumps it in the
 * transaction of every batch that writes into windows old enough to count as settled (a backfill, a turn days late).
 * {@link SettledWindows} keeps such windows in memory and serves an entry only while the generation it was read under
 * is current.
 *
 * <p>Read once per query, before any of its data reads: a read that raced with a sink commit is then kept under the
 * older generation (the one read first) and read again by the next query, which sees the newer one. Read after the
 * data, a stale read could be kept under the new generation and served indefinitely.
 */
@ApplicationScoped
public class SettledGeneration {

    /** A tenant that never had a write into its settled windows. */
    static final long NONE = 0;
    private static final String CURRENT = "SELECT generation FROM settled_changes WHERE tenant_id = ?";

    private final DataSource dataSource;
    /** agentmeter.query.settled-window-cache: off, nothing is kept, so nothing needs the generation. */
    private final boolean enabled;

    public SettledGeneration(DataSource dataSource, QueryConfig config) {
        this.dataSource = dataSource;
        this.enabled = config.query().settledWindowCache();
    }

    /** The tenant's current generation (one primary-key lookup; none when the caches are off). */
    public long current(String tenantId) throws SQLException {
        if (!enabled) {
            return NONE;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(CURRENT)) {
            statement.setString(1, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : NONE;
            }
        }
    }
}
