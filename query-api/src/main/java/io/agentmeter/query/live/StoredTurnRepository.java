package io.agentmeter.query.live;

import io.agentmeter.query.turns.TurnRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads one tenant's turns in the order they were stored (V9: {@code stored_tx}, {@code stored_seq}), after a
 * position. Only rows of transactions older than the oldest one still running are read: those have all committed (or
 * rolled back), so no turn can later appear behind a position already handed out. Each read is one range of
 * {@code turns_tenant_stored_idx} per partition, bounded by a limit.
 */
@ApplicationScoped
public class StoredTurnRepository {

    private static final String SELECT = "SELECT " + TurnRepository.Include.ALL.columns()
            + ", t.stored_tx::text AS stored_tx, t.stored_seq FROM turns t WHERE t.tenant_id = ?"
            + " AND (t.stored_tx, t.stored_seq) > (?::xid8, ?)";
    private static final String ORDER = " ORDER BY t.stored_tx, t.stored_seq LIMIT ?";
    /** Turns stored after a position, of finished transactions only. */
    private static final String STORED_AFTER = SELECT
            + " AND t.stored_tx < (SELECT pg_snapshot_xmin(pg_current_snapshot()))" + ORDER;
    /** Turns between two positions (the upper one was read by {@link #STORED_AFTER}, so all of them are final). */
    private static final String STORED_BETWEEN = SELECT + " AND (t.stored_tx, t.stored_seq) <= (?::xid8, ?)" + ORDER;
    /** Everything below this position is final; everything at or above it is still to come. */
    private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";

    private final DataSource dataSource;

    public StoredTurnRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The position of "now": turns stored from here on come after it. */
    public StoredPosition horizon() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(HORIZON);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new StoredPosition(Long.parseLong(rows.getString(1)), 0);
        }
    }

    /** Up to {@code limit} of the tenant's turns stored after {@code after}, in stored order. */
    public List<StoredTurn> storedAfter(String tenantId, StoredPosition after, int limit) throws SQLException {
        return read(STORED_AFTER, tenantId, after, null, limit);
    }

    /** Up to {@code limit} of the tenant's turns after {@code after} and at most {@code upTo}, in stored order. */
    public List<StoredTurn> storedBetween(String tenantId, StoredPosition after, StoredPosition upTo, int limit)
            throws SQLException {
        return read(STORED_BETWEEN, tenantId, after, upTo, limit);
    }

    private List<StoredTurn> read(String sql, String tenantId, StoredPosition after, StoredPosition upTo, int limit)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setString(++i, tenantId);
            statement.setString(++i, Long.toString(after.tx()));
            statement.setLong(++i, after.seq());
            if (upTo != null) {
                statement.setString(++i, Long.toString(upTo.tx()));
                statement.setLong(++i, upTo.seq());
            }
            statement.setInt(++i, limit);
            List<StoredTurn> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(new StoredTurn(new StoredPosition(Long.parseLong(rows.getString("stored_tx")),
                            rows.getLong("stored_seq")), TurnRepository.map(rows, TurnRepository.Include.ALL)));
                }
            }
            return out;
        }
    }
}
