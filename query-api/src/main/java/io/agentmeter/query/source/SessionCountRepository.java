package io.agentmeter.query.source;

import io.agentmeter.query.params.Filter;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * How many distinct sessions have at least one turn in [from, to).
 *
 * <p>Unfiltered, from {@code session_rollups}: the sessions that started in the range, plus those that started
 * before it and have a turn in it (see {@link #ACTIVE}); plus the sessions of late turns in the range that no session
 * rollup places there (a turn beyond the dedupe horizon updates no session rollup). Filtered, by counting the
 * distinct sessions of the matching turns.
 */
@ApplicationScoped
public class SessionCountRepository {

    /**
     * Sessions that started in [from, to) (their first turn is in it), plus those that started before {@code from}
     * (at most the tenant's longest session before it, so the scan stays bounded), were still going at {@code from}
     * and have a turn in the range: ending inside it, or spanning it with a turn inside (an index probe).
     */
    public static final String ACTIVE = """
            s.tenant_id = ? AND s.first_seen < ? AND s.last_seen >= ?
            AND s.first_seen >= ?
            AND (s.first_seen >= ? OR s.last_seen < ? OR EXISTS (
                SELECT 1 FROM turns x WHERE x.tenant_id = s.tenant_id AND x.session_id = s.session_id
                AND x.occurred_at >= ? AND x.occurred_at < ?))""";

    private static final String STARTED = "SELECT count(*) FROM session_rollups s WHERE s.tenant_id = ?"
            + " AND s.first_seen >= ? AND s.first_seen < ?";
    /** Started before the range, last turn inside it: an index-only count. */
    private static final String ENDED = "SELECT count(*) FROM session_rollups s WHERE s.tenant_id = ?"
            + " AND s.first_seen >= ? AND s.first_seen < ? AND s.last_seen >= ? AND s.last_seen < ?";
    /** Started before the range and still going after it: counted when a turn lies inside (few; an index probe). */
    private static final String SPANNING = "SELECT count(*) FROM session_rollups s WHERE s.tenant_id = ?"
            + " AND s.first_seen >= ? AND s.first_seen < ? AND s.last_seen >= ? AND EXISTS (SELECT 1 FROM turns x"
            + " WHERE x.tenant_id = s.tenant_id AND x.session_id = s.session_id AND x.occurred_at >= ?"
            + " AND x.occurred_at < ?)";
    private static final String FROM_ROLLUPS = "SELECT (" + STARTED + ") + (" + ENDED + ") + (" + SPANNING + ")"
            + " + (SELECT count(DISTINCT t.session_id) FROM turns t"
            + " WHERE t.tenant_id = ? AND t.late AND t.occurred_at >= ? AND t.occurred_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM session_rollups s WHERE s.session_id = t.session_id AND " + ACTIVE
            + "))";

    private final DataSource dataSource;

    public SessionCountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final String LONGEST = "SELECT max(last_seen - first_seen) FROM session_rollups"
            + " WHERE tenant_id = ?";

    public long count(Filter filter) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql;
        if (filter.restricted().isEmpty() && filter.labels().isEmpty()) {
            Instant from = filter.from();
            Instant to = filter.to();
            Instant earliest = earliestStart(filter);
            params.addAll(List.of(filter.tenantId(), from, to));
            params.addAll(List.of(filter.tenantId(), earliest, from, from, to));
            params.addAll(List.of(filter.tenantId(), earliest, from, to, from, to));
            params.addAll(List.of(filter.tenantId(), from, to));
            addActive(params, filter, earliest);
            sql = FROM_ROLLUPS;
        } else {
            params.add(filter.tenantId());
            params.add(filter.from());
            params.add(filter.to());
            // DISTINCT in a subquery: a hash over the range's turns, not a walk of the whole session index in order.
            sql = "SELECT count(*) FROM (SELECT DISTINCT t.session_id FROM turns t WHERE t.tenant_id = ?"
                    + " AND t.occurred_at >= ? AND t.occurred_at < ?" + FiguresRepository.conditions(filter, params)
                    + ") s";
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

    /**
     * The earliest a session with a turn in the filter's range can have started: {@code from} minus the tenant's
     * longest session (the index on session duration answers at once). Given to PostgreSQL as a value, so it plans
     * a bounded range scan of the first-turn index.
     */
    public Instant earliestStart(Filter filter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LONGEST)) {
            statement.setString(1, filter.tenantId());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                org.postgresql.util.PGInterval longest = (org.postgresql.util.PGInterval) rows.getObject(1);
                if (longest == null) {
                    return filter.from();
                }
                long seconds = (long) Math.ceil(((((longest.getYears() * 12L + longest.getMonths()) * 30L
                        + longest.getDays()) * 24L + longest.getHours()) * 60L + longest.getMinutes()) * 60L
                        + longest.getSeconds()) + 1;
                return filter.from().minusSeconds(seconds);
            }
        }
    }

    /** The parameters of {@link #ACTIVE}, in order; {@code earliest} from {@link #earliestStart}. */
    public static void addActive(List<Object> params, Filter f, Instant earliest) {
        params.add(f.tenantId());
        params.add(f.to());
        params.add(f.from());
        params.add(earliest);
        params.add(f.from());
        params.add(f.to());
        params.add(f.from());
        params.add(f.to());
    }
}
