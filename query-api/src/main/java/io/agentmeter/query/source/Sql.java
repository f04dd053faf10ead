package io.agentmeter.query.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Binding helpers shared by the repositories: every value is a bound parameter, never spliced into SQL. */
public final class Sql {

    private Sql() {
    }

    /** Binds {@code params} in order: String, Long, Integer, Boolean, Instant, String[] (as text[]) or null. */
    public static void bind(Connection connection, PreparedStatement statement, List<Object> params)
            throws SQLException {
        int i = 0;
        for (Object p : params) {
            i++;
            if (p == null) {
                statement.setNull(i, Types.NULL);
            } else if (p instanceof String s) {
                statement.setString(i, s);
            } else if (p instanceof Long l) {
                statement.setLong(i, l);
            } else if (p instanceof Integer n) {
                statement.setInt(i, n);
            } else if (p instanceof Boolean b) {
                statement.setBoolean(i, b);
            } else if (p instanceof Instant t) {
                statement.setObject(i, timestamp(t));
            } else if (p instanceof String[] a) {
                statement.setArray(i, connection.createArrayOf("text", a));
            } else {
                throw new IllegalArgumentException("cannot bind " + p.getClass());
            }
        }
    }

    public static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /**
     * The FROM item {@code table alias} restricted to rows whose {@code column} lies in one of {@code ranges}, with the
     * WHERE condition that goes with it. A few ranges become OR-ed bounds (PostgreSQL prunes partitions and bounds the
     * index scans at plan time); many become a join from an array of ranges, one index scan per range.
     *
     * @param scope conditions on the table's rows (alias {@code x}) that lead its index, e.g. the tenant
     */
    public static RangeClause inRanges(String table, String alias, String column, List<Range> ranges,
                                       String scope, List<Object> scopeParams) {
        List<Object> fromParams = new ArrayList<>();
        List<Object> whereParams = new ArrayList<>();
        if (ranges.size() <= 16) {
            StringBuilder where = new StringBuilder("(");
            for (int i = 0; i < ranges.size(); i++) {
                if (i > 0) {
                    where.append(" OR ");
                }
                where.append('(').append(column).append(" >= ? AND ").append(column).append(" < ?)");
                whereParams.add(ranges.get(i).from());
                whereParams.add(ranges.get(i).to());
            }
            return new RangeClause(table + " " + alias, fromParams, where.append(')').toString(), whereParams);
        }
        String[] lows = new String[ranges.size()];
        String[] highs = new String[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            lows[i] = ranges.get(i).from().toString();
            highs[i] = ranges.get(i).to().toString();
        }
        fromParams.add(lows);
        fromParams.add(highs);
        fromParams.addAll(scopeParams);
        String inner = column.substring(column.indexOf('.') + 1);
        // A LATERAL subquery per range behind OFFSET 0 (which keeps PostgreSQL from flattening it into a hash join
        // over the whole table): one index range scan per range. The bounds of all the ranges, as values, let
        // PostgreSQL prune partitions when it plans rather than plan every partition and prune each loop.
        String lateral = " CROSS JOIN LATERAL (SELECT * FROM " + table + " x WHERE " + scope + spanning(ranges,
                "x." + inner, fromParams) + " AND x." + inner + " >= rng.lo AND x." + inner + " < rng.hi OFFSET 0) ";
        return new RangeClause("unnest(?::text[]::timestamptz[], ?::text[]::timestamptz[]) AS rng(lo, hi)"
                + lateral + alias, fromParams, "TRUE", whereParams);
    }

    /**
     * {@code AND column >= ? AND column < ?} over the span of {@code ranges} (from the earliest start to the latest
     * end), its two parameters added to {@code params}: a bound the planner can prune partitions with.
     */
    public static String spanning(List<Range> ranges, String column, List<Object> params) {
        Instant from = ranges.get(0).from();
        Instant to = ranges.get(0).to();
        for (Range range : ranges) {
            from = range.from().isBefore(from) ? range.from() : from;
            to = range.to().isAfter(to) ? range.to() : to;
        }
        params.add(from);
        params.add(to);
        return " AND " + column + " >= ? AND " + column + " < ?";
    }

    /** A FROM item and its WHERE condition, each with its parameters. */
    public record RangeClause(String from, List<Object> fromParams, String where, List<Object> whereParams) {
    }

    /** {@code AND column = ANY(?)} when {@code values} is not empty. */
    public static String anyOf(String column, List<String> values, List<Object> params) {
        if (values.isEmpty()) {
            return "";
        }
        params.add(values.toArray(String[]::new));
        return " AND " + column + " = ANY(?)";
    }
}
