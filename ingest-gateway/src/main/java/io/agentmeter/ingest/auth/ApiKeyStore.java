package io.agentmeter.ingest.auth;

import io.agentmeter.service.auth.KeyKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code api_keys} table: the gateway is its only writer. SQL with explicit columns and bound parameters. */
@ApplicationScoped
public class ApiKeyStore {

    /** The key's columns and its tenant's activity payload setting (read with the key, cached with it). */
    private static final String COLUMNS =
            "key_id, tenant_id, project, kind, role, name, key_prefix, created_at, revoked_at, last_used_at,"
            + " coalesce((SELECT t.keep_activity_payloads FROM tenants t WHERE t.tenant_id = api_keys.tenant_id),"
            + " true) AS keep_activity_payloads";
    private static final String FIND_BY_HASH = "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?";
    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM api_keys WHERE key_id = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM api_keys ORDER BY tenant_id, created_at, key_id";
    private static final String LIST_BY_TENANT = "SELECT " + COLUMNS
            + " FROM api_keys WHERE tenant_id = ? ORDER BY created_at, key_id";
    private static final String INSERT = "INSERT INTO api_keys (key_id, tenant_id, project, kind, role, name,"
            + " key_hash, key_prefix) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS;
    private static final String REVOKE = "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())"
            + " WHERE key_id = ? RETURNING " + COLUMNS;
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = now() WHERE key_id = ?";

    private final DataSource dataSource;

    public ApiKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<StoredKey> findByHash(String keyHash) throws SQLException {
        return one(FIND_BY_HASH, keyHash);
    }

    public Optional<StoredKey> findById(String keyId) throws SQLException {
        return one(FIND_BY_ID, keyId);
    }

    /** Every key, or a tenant's keys when {@code tenantId} is given. */
    public List<StoredKey> list(Optional<String> tenantId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(tenantId.isPresent() ? LIST_BY_TENANT : LIST)) {
            if (tenantId.isPresent()) {
                statement.setString(1, tenantId.get());
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<StoredKey> keys = new ArrayList<>();
                while (rows.next()) {
                    keys.add(map(rows));
                }
                return keys;
            }
        }
    }

    public StoredKey insert(String keyId, String tenantId, String project, KeyKind kind, String role, String name,
                            String keyHash, String keyPrefix) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, keyId);
            statement.setString(2, tenantId);
            statement.setString(3, project);
            statement.setString(4, kind.value());
            statement.setString(5, role);
            statement.setString(6, name);
            statement.setString(7, keyHash);
            statement.setString(8, keyPrefix);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return map(rows);
            }
        }
    }

    /** Marks the key revoked (keeping the first revocation time); empty when there is no such key. */
    public Optional<StoredKey> revoke(String keyId) throws SQLException {
        return one(REVOKE, keyId);
    }

    /** Records that the key was used; called at most once per cache period per key. */
    public void touch(String keyId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(TOUCH)) {
            statement.setString(1, keyId);
            statement.executeUpdate();
        }
    }

    private Optional<StoredKey> one(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    private static StoredKey map(ResultSet rows) throws SQLException {
        return new StoredKey(
                rows.getString("key_id"),
                rows.getString("tenant_id"),
                rows.getString("project"),
                rows.getString("kind"),
                rows.getString("role"),
                rows.getString("name"),
                rows.getString("key_prefix"),
                instant(rows.getTimestamp("created_at")),
                instant(rows.getTimestamp("revoked_at")),
                instant(rows.getTimestamp("last_used_at")),
                rows.getBoolean("keep_activity_payloads"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
