package io.agentmeter.query.source;

import io.agentmeter.query.params.Filter;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * How many distinct sessions have at least one turn in [from, to).
 *
 * <p>Unfiltered, from {@code session_rollups}: a session whose first or last turn lies in the range counts; one that
 * spans the whole range counts if a turn of it lies inside (an index probe per such session); plus the sessions of
 * late turns in the range that the rollup does not place there (a turn beyond the dedupe horizon updates no session
 * rollup). Filtered, by {@code count(DISTINCT session_id)} over the matching turns.
 */
@ApplicationScoped
public class SessionCountRepository {

    private static final String ACTIVE_CONDITION = """
            s.tenant_id = ? AND s.first_seen < ? AND s.last_seen >= ?
            AND (s.first_seen >= ? OR s.last_seen < ? OR EXISTS (
                SELECT 1 FROM turns x WHERE x.tenant_id = s.tenant_id AND x.session_id = s.session_id
                AND x.occurred_at >= ? AND x.occurred_at < ?))""";

    private static final String FROM_ROLLUPS = "SELECT (SELECT count(*) FROM session_rollups s WHERE "
            + ACTIVE_CONDITION + ") + (SELECT count(DISTINCT t.session_id) FROM turns t"
            + " WHERE t.tenant_id = ? AND t.late AND t.occurred_at >= ? AND t.occurred_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM session_rollups s WHERE s.session_id = t.session_id AND "
            + ACTIVE_CONDITION + "))";

    private final DataSource dataSource;

    public SessionCountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count(Filter filter) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql;
        if (filter.restricted().isEmpty() && filter.labels().isEmpty()) {
            addActive(params, filter);
            params.add(filter.tenantId());
            params.add(filter.from());
            params.add(filter.to());
            addActive(params, filter);
            sql = FROM_ROLLUPS;
        } else {
            params.add(filter.tenantId());
            params.add(filter.from());
            params.add(filter.to());
            sql = "SELECT count(DISTINCT t.session_id) FROM turns t WHERE t.tenant_id = ? AND t.occurred_at >= ?"
                    + " AND t.occurred_at < ?" + FiguresRepository.conditions(filter, params);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void addActive(List<Object> params, Filter f) {
        params.add(f.tenantId());
        params.add(f.to());
        params.add(f.from());
        params.add(f.from());
        params.add(f.to());
        params.add(f.from());
        params.add(f.to());
    }
}
