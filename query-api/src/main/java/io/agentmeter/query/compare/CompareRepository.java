package io.agentmeter.query.compare;

import io.agentmeter.query.params.Filter;
import io.agentmeter.query.source.FiguresRepository;
import io.agentmeter.query.source.Sql;
import io.agentmeter.query.source.TurnsOf;
import io.agentmeter.schema.event.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The turn-level reads behind the comparisons; always bounded by tenant and range (or by ids). */
@ApplicationScoped
public class CompareRepository {

    private static final int MEAN_SCALE = 4;
    private static final int COST_PER_TURN_SCALE = 12;

    private final DataSource dataSource;

    public CompareRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Per model, over the turns whose prompt was sent to at least {@code minModels} models of the selection. */
    public ModelComparison models(Filter filter, List<String> promptHashes, int minModels) throws SQLException {
        List<Object> params = new ArrayList<>();
        String selection = selection(filter, promptHashes, true, params);
        params.add(minModels);
        String sql = "WITH sel AS (SELECT t.model, t.prompt_hash, t.input_tokens, t.output_tokens, t.cost_usd,"
                + " t.cost_status, t.duration_ms, t.status FROM turns t WHERE " + selection + "),"
                + " shared AS (SELECT prompt_hash FROM sel GROUP BY prompt_hash HAVING count(DISTINCT model) >= ?)"
                + " SELECT s.model, count(*), count(DISTINCT s.prompt_hash),"
                + " sum(s.input_tokens), percentile_cont(0.5) WITHIN GROUP (ORDER BY s.input_tokens),"
                + " count(s.input_tokens),"
                + " sum(s.output_tokens), percentile_cont(0.5) WITHIN GROUP (ORDER BY s.output_tokens),"
                + " count(s.output_tokens),"
                + " sum(s.cost_usd), count(s.cost_usd), count(*) FILTER (WHERE s.cost_status = 'unpriced'),"
                + " count(*) FILTER (WHERE s.cost_status = 'incomplete'),"
                + " percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY s.duration_ms),"
                + " count(s.duration_ms), count(*) FILTER (WHERE s.status = 'error'),"
                + " (SELECT count(*) FROM shared)"
                + " FROM sel s JOIN shared USING (prompt_hash) GROUP BY s.model ORDER BY s.model";
        List<ModelComparison.ModelStats> models = new ArrayList<>();
        long shared = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, params);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    long turns = r.getLong(2);
                    long inputTurns = r.getLong(6);
                    long outputTurns = r.getLong(9);
                    BigDecimal cost = r.getBigDecimal(10);
                    long costTurns = r.getLong(11);
                    java.sql.Array quantiles = r.getArray(14);
                    Double[] q = quantiles == null ? new Double[3] : (Double[]) quantiles.getArray();
                    long errors = r.getLong(16);
                    shared = r.getLong(17);
                    models.add(new ModelComparison.ModelStats(r.getString(1), turns, r.getLong(3),
                            mean(FiguresRepository.long_(r, 4), inputTurns), dbl(r, 5), inputTurns,
                            mean(FiguresRepository.long_(r, 7), outputTurns), dbl(r, 8), outputTurns,
                            cost, cost == null ? null : cost.divide(BigDecimal.valueOf(costTurns), COST_PER_TURN_SCALE,
                                    RoundingMode.HALF_EVEN), costTurns, r.getLong(12), r.getLong(13),
                            q[0], q[1], q[2], r.getLong(15), errors, turns == 0 ? null : (double) errors / turns));
                }
            }
        }
        return new ModelComparison(shared, minModels, models);
    }

    /** One turn's model, time and counts, for pricing on another model. */
    public record UsageRow(String model, Instant occurredAt, Usage usage, BigDecimal costUsd) {
    }

    /** A consumer of usage rows. */
    @FunctionalInterface
    public interface UsageSink {
        /** @return false to stop reading */
        boolean accept(UsageRow row);
    }

    /** Streams the selection's counts (fetch size, autocommit off: bounded memory). */
    public void usage(Filter filter, List<String> promptHashes, int fetchSize, UsageSink sink) throws SQLException {
        List<Object> params = new ArrayList<>();
        String selection = selection(filter, promptHashes, false, params);
        String sql = "SELECT t.model, t.occurred_at, t.input_tokens, t.output_tokens, t.cache_read_tokens,"
                + " t.cache_write_tokens, t.cache_write_1h_tokens, t.reasoning_tokens, t.total_tokens, t.cost_usd"
                + " FROM turns t WHERE " + selection;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(fetchSize);
                Sql.bind(connection, statement, params);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        Usage usage = new Usage(FiguresRepository.long_(r, 3), FiguresRepository.long_(r, 4),
                                FiguresRepository.long_(r, 5), FiguresRepository.long_(r, 6),
                                FiguresRepository.long_(r, 7), FiguresRepository.long_(r, 8),
                                FiguresRepository.long_(r, 9));
                        if (!sink.accept(new UsageRow(r.getString(1),
                                r.getObject(2, OffsetDateTime.class).toInstant(), usage, r.getBigDecimal(10)))) {
                            break;
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** A turn at its position within its session or recording (1 = the first in time order). */
    public record Positioned(String id, long position, SideBySide.TurnFigures turn) {
    }

    /**
     * The turns at positions ({@code after}, {@code after + limit}] of each id, where {@code column} is session_id or
     * recording_id; by the index on (tenant, column).
     */
    public List<Positioned> positions(String tenantId, String column, List<String> ids, long after, int limit)
            throws SQLException {
        TurnsOf of = TurnsOf.byColumn(column);
        String sql = "SELECT id, position, event_id, occurred_at, turn_index, model, status, input_tokens,"
                + " output_tokens, cache_read_tokens, reasoning_tokens, duration_ms, cost_status, cost_usd FROM ("
                + " SELECT " + of.id() + " AS id, row_number() OVER (PARTITION BY " + of.id()
                + " ORDER BY t.occurred_at, t.event_id) AS position, t.event_id, t.occurred_at, t.turn_index, t.model,"
                + " t.status, t.input_tokens, t.output_tokens, t.cache_read_tokens, t.reasoning_tokens, t.duration_ms,"
                + " t.cost_status, t.cost_usd FROM " + of.from() + " WHERE t.tenant_id = ? AND " + of.id()
                + " = ANY(?)) x"
                + " WHERE position > ? AND position <= ? ORDER BY position, id";
        List<Object> params = List.of(tenantId, ids.toArray(String[]::new), after, after + limit);
        List<Positioned> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, params);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    int ti = r.getInt(5);
                    Integer turnIndex = r.wasNull() ? null : ti;
                    out.add(new Positioned(r.getString(1), r.getLong(2), new SideBySide.TurnFigures(r.getString(3),
                            r.getObject(4, OffsetDateTime.class).toInstant(), turnIndex, r.getString(6),
                            r.getString(7), FiguresRepository.long_(r, 8), FiguresRepository.long_(r, 9),
                            FiguresRepository.long_(r, 10), FiguresRepository.long_(r, 11),
                            FiguresRepository.long_(r, 12), r.getString(13), r.getBigDecimal(14))));
                }
            }
        }
        return out;
    }

    /** First and last turn time and the models of each id. */
    public record Span(Instant first, Instant last, List<String> models) {
    }

    public java.util.Map<String, Span> spans(String tenantId, String column, List<String> ids) throws SQLException {
        TurnsOf of = TurnsOf.byColumn(column);
        String sql = "SELECT " + of.id() + ", min(t.occurred_at), max(t.occurred_at), array_agg(DISTINCT t.model)"
                + " FROM " + of.from() + " WHERE t.tenant_id = ? AND " + of.id() + " = ANY(?) GROUP BY 1";
        java.util.Map<String, Span> out = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(connection, statement, List.of(tenantId, ids.toArray(String[]::new)));
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new Span(r.getObject(2, OffsetDateTime.class).toInstant(),
                            r.getObject(3, OffsetDateTime.class).toInstant(),
                            java.util.Arrays.asList((String[]) r.getArray(4).getArray())));
                }
            }
        }
        return out;
    }

    /** The WHERE of a comparison's turns: tenant, range, filters, and the prompt hashes when given. */
    private static String selection(Filter filter, List<String> promptHashes, boolean promptsOnly,
                                    List<Object> params) {
        params.add(filter.tenantId());
        params.add(filter.from());
        params.add(filter.to());
        StringBuilder sql = new StringBuilder("t.tenant_id = ? AND t.occurred_at >= ? AND t.occurred_at < ?"
                + (promptsOnly ? " AND t.prompt_hash IS NOT NULL" : ""));
        sql.append(FiguresRepository.conditions(filter, params));
        sql.append(Sql.anyOf("t.prompt_hash", promptHashes, params));
        return sql.toString();
    }

    private static BigDecimal mean(Long sum, long count) {
        return sum == null || count == 0 ? null
                : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), MEAN_SCALE, RoundingMode.HALF_EVEN);
    }

    private static Double dbl(ResultSet r, int column) throws SQLException {
        double value = r.getDouble(column);
        return r.wasNull() ? null : value;
    }
}
