package io.agentmeter.query.source;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.NavigableSet;
import java.util.TreeSet;
import javax.sql.DataSource;

/** Finds the minutes that hold a late turn (index {@code turns_tenant_late_idx}, partial on {@code late}). */
@ApplicationScoped
public class LateTurnRepository {

    private static final String DIRTY_MINUTES = """
            SELECT DISTINCT date_trunc('minute', occurred_at, 'UTC') AS minute
            FROM turns
            WHERE tenant_id = ? AND late AND occurred_at >= ? AND occurred_at < ?""";

    private final DataSource dataSource;

    public LateTurnRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public NavigableSet<Instant> dirtyMinutes(String tenantId, Instant from, Instant to) throws SQLException {
        NavigableSet<Instant> minutes = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(DIRTY_MINUTES)) {
            statement.setString(1, tenantId);
            statement.setObject(2, Sql.timestamp(from));
            statement.setObject(3, Sql.timestamp(to));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    minutes.add(rows.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        return minutes;
    }
}
