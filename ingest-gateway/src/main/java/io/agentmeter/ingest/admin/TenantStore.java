package io.agentmeter.ingest.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code tenants} table; the gateway's admin API is its only writer. */
@ApplicationScoped
public class TenantStore {

    private static final String COLUMNS = "tenant_id, name, created_at, keep_activity_payloads";
    private static final String INSERT = "INSERT INTO tenants (tenant_id, name, keep_activity_payloads)"
            + " VALUES (?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING RETURNING " + COLUMNS;
    private static final String FIND = "SELECT " + COLUMNS + " FROM tenants WHERE tenant_id = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM tenants ORDER BY tenant_id";
    private static final String KEEP_PAYLOADS = "UPDATE tenants SET keep_activity_payloads = ? WHERE tenant_id = ?"
            + " RETURNING " + COLUMNS;

    private final DataSource dataSource;

    public TenantStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The new tenant, or empty when one with this id exists already. */
    public Optional<Tenant> insert(String tenantId, String name, boolean keepActivityPayloads) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, tenantId);
            statement.setString(2, name);
            statement.setBoolean(3, keepActivityPayloads);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    /** The tenant with its activity payload setting changed, or empty when there is no such tenant. */
    public Optional<Tenant> keepActivityPayloads(String tenantId, boolean keep) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(KEEP_PAYLOADS)) {
            statement.setBoolean(1, keep);
            statement.setString(2, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    public Optional<Tenant> find(String tenantId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    public List<Tenant> list() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LIST);
             ResultSet rows = statement.executeQuery()) {
            List<Tenant> tenants = new ArrayList<>();
            while (rows.next()) {
                tenants.add(map(rows));
            }
            return tenants;
        }
    }

    private static Tenant map(ResultSet rows) throws SQLException {
        return new Tenant(rows.getString("tenant_id"), rows.getString("name"),
                rows.getTimestamp("created_at").toInstant(), rows.getBoolean("keep_activity_payloads"));
    }
}
