package io.agentmeter.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ingest gateway's recording endpoints as docs/ingest.md describes them ({@code POST /v1/recordings},
 * {@code POST /v1/recordings/{id}/stop}, {@code GET /v1/recordings/active}, ingest key as Bearer), writing the
 * {@code recordings} table as the gateway does, and answering CORS preflights as the gateway must for the dashboard
 * to call it. It stands in for the gateway, which needs a Kafka broker and is built by another module; the query API
 * then reads the recordings it wrote. Every request is kept for the test to check.
 */
final class StubGateway implements AutoCloseable {

    private final HttpServer server;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Map<String, String> tenantByKey;
    final List<String> requests = new CopyOnWriteArrayList<>();

    StubGateway(String jdbcUrl, String user, String password, Map<String, String> tenantByKey) throws IOException {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.tenantByKey = Map.copyOf(tenantByKey);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/recordings", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin == null ? "*" : origin);
            exchange.getResponseHeaders().add("Vary", "Origin");
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
                exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Authorization, Content-Type");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String tenant = auth != null && auth.startsWith("Bearer ") ? tenantByKey.get(auth.substring(7)) : null;
            if (tenant == null) {
                send(exchange, 401, error("unauthorized", "Authorization: is not a valid ingest key"));
                return;
            }
            if (method.equals("POST") && path.equals("/v1/recordings")) {
                JsonNode request = Json.mapper().readTree(body);
                String id = "rec_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                execute("INSERT INTO recordings (tenant_id, recording_id, user_id, name, config, started_at) VALUES"
                        + " (?, ?, ?, ?, NULL, ?)", tenant, id, request.path("user_id").asText(),
                        request.path("name").asText(), now.atOffset(ZoneOffset.UTC));
                ObjectNode answer = Json.mapper().createObjectNode();
                answer.set("recording", find(tenant, id));
                answer.putArray("stopped_recordings");
                send(exchange, 201, answer);
            } else if (method.equals("POST") && path.matches("/v1/recordings/[^/]+/stop")) {
                String id = path.split("/")[3];
                execute("UPDATE recordings SET stopped_at = ? WHERE tenant_id = ? AND recording_id = ?"
                        + " AND stopped_at IS NULL", Instant.now().truncatedTo(ChronoUnit.MICROS)
                        .atOffset(ZoneOffset.UTC), tenant, id);
                JsonNode recording = find(tenant, id);
                send(exchange, recording == null ? 404 : 200, recording == null
                        ? error("not_found", "no recording " + id) : recording);
            } else if (method.equals("GET") && path.equals("/v1/recordings/active")) {
                String query = exchange.getRequestURI().getQuery();
                String userId = query != null && query.startsWith("user_id=")
                        ? java.net.URLDecoder.decode(query.substring(8), StandardCharsets.UTF_8) : null;
                ObjectNode answer = Json.mapper().createObjectNode();
                var list = answer.putArray("recordings");
                for (String id : active(tenant, userId)) {
                    list.add(find(tenant, id));
                }
                send(exchange, 200, answer);
            } else {
                send(exchange, 404, error("not_found", "no such resource"));
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private List<String> active(String tenant, String userId) throws SQLException {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT recording_id FROM recordings WHERE tenant_id = ?"
                     + " AND stopped_at IS NULL AND (?::text IS NULL OR user_id = ?) ORDER BY started_at")) {
            s.setString(1, tenant);
            s.setString(2, userId);
            s.setString(3, userId);
            List<String> ids = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        }
    }

    private JsonNode find(String tenant, String id) throws SQLException {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT recording_id, user_id, name, started_at, stopped_at"
                     + " FROM recordings WHERE tenant_id = ? AND recording_id = ?")) {
            s.setString(1, tenant);
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                ObjectNode node = Json.mapper().createObjectNode().put("tenant_id", tenant)
                        .put("recording_id", r.getString("recording_id")).put("user_id", r.getString("user_id"))
                        .put("name", r.getString("name"));
                node.putNull("config");
                node.put("started_at", r.getObject("started_at", OffsetDateTime.class).toInstant().toString());
                OffsetDateTime stopped = r.getObject("stopped_at", OffsetDateTime.class);
                if (stopped == null) {
                    node.putNull("stopped_at");
                } else {
                    node.put("stopped_at", stopped.toInstant().toString());
                }
                return node;
            }
        }
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private static JsonNode error(String code, String message) {
        return Json.mapper().createObjectNode().put("error", code).put("message", message);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
