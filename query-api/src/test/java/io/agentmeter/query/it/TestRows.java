package io.agentmeter.query.it;

import io.agentmeter.schema.auth.ApiKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/** The rows a test tenant needs before its turns: the tenant and its API keys, stored as the admin API stores them. */
public final class TestRows {

    private TestRows() {
    }

    /** The tenant, unless it exists. */
    public static void tenant(Connection c, String tenant, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tenants (tenant_id, name) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            s.setString(1, tenant);
            s.setString(2, name);
            s.executeUpdate();
        }
    }

    /** A key whose clear text is {@code clear}, kept as its SHA-256; {@code role} is null for ingest keys. */
    public static void key(Connection c, String tenant, String kind, String role, String clear, boolean revoked)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (key_id, tenant_id, kind, role, name,"
                + " key_hash, key_prefix, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, ApiKeys.newKeyId());
            s.setString(2, tenant);
            s.setString(3, kind);
            s.setString(4, role);
            s.setString(5, tenant + " " + kind + " " + role);
            s.setString(6, ApiKeys.sha256Hex(clear));
            s.setString(7, ApiKeys.prefixOf(clear));
            s.setObject(8, revoked ? Instant.now().atOffset(ZoneOffset.UTC) : null);
            s.executeUpdate();
        }
    }
}
