package io.agentmeter.query.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The late turns of a range with the rollup keys they belong to (index {@code turns_tenant_late_idx}, partial on
 * {@code late}).
 */
@ApplicationScoped
public class LateTurnRepository {

    private static final String LATE = """
            SELECT date_trunc('minute', occurred_at, 'UTC'), coalesce(project, ''), coalesce(provider, ''), model,
                coalesce(agent, ''), tools
            FROM turns
            WHERE tenant_id = ? AND late AND occurred_at >= ? AND occurred_at < ?""";

    /** A late turn's minute and its keys in each rollup table. */
    public record LateTurn(Instant minute, String project, String provider, String model, String agent,
                           Set<String> tools) {

        /** The keys of the rows of {@code table} this turn belongs to. */
        public List<List<String>> keys(RollupTable table) {
            return switch (table) {
                case MODEL -> List.of(List.of(project, provider, model));
                case AGENT -> List.of(List.of(agent));
                case TOOL -> tools.stream().map(List::of).toList();
            };
        }
    }

    private final DataSource dataSource;

    public LateTurnRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<LateTurn> lateTurns(String tenantId, Instant from, Instant to) throws SQLException {
        List<LateTurn> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LATE)) {
            statement.setString(1, tenantId);
            statement.setObject(2, Sql.timestamp(from));
            statement.setObject(3, Sql.timestamp(to));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(new LateTurn(rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), tools(rows.getString(6))));
                }
            }
        }
        return out;
    }

    private static Set<String> tools(String json) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        if (json == null) {
            return names;
        }
        try {
            JsonNode tools = Json.mapper().readTree(json);
            if (tools.isArray()) {
                for (JsonNode tool : tools) {
                    if (tool.hasNonNull("name")) {
                        names.add(tool.get("name").asText());
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable turns.tools", e);
        }
        return names;
    }
}
