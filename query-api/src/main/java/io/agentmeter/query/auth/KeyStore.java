package io.agentmeter.query.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads {@code api_keys} (the ingest gateway's admin API writes it). */
@ApplicationScoped
public class KeyStore {

    private static final String FIND_BY_HASH =
            "SELECT key_id, tenant_id, kind, role, revoked_at FROM api_keys WHERE key_hash = ?";

    private final DataSource dataSource;

    public KeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<StoredKey> findByHash(String keyHash) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND_BY_HASH)) {
            statement.setString(1, keyHash);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    private static StoredKey map(ResultSet rows) throws SQLException {
        Timestamp revoked = rows.getTimestamp("revoked_at");
        return new StoredKey(rows.getString("key_id"), rows.getString("tenant_id"), rows.getString("kind"),
                rows.getString("role"), revoked == null ? null : revoked.toInstant());
    }
}
