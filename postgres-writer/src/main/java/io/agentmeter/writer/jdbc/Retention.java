package io.agentmeter.writer.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forgets what is older than the retention setting ({@code AGENTMETER_RETENTION}), in whole UTC months so that every
 * figure over what is kept still equals the recomputation over the kept turns: the cutoff is the start of the month
 * holding now − retention. Before it, the monthly partitions of {@code turns} and of {@code activity} are dropped
 * whole (never a row-by-row delete of turns), and the rows of {@code turn_keys}, {@code activity_keys}, of the
 * windowed rollups (by window end; windows never straddle a month) and of {@code session_rollups} (by last seen) are
 * deleted, all in one transaction; the tenants whose figures changed get their {@code settled_changes} generation
 * bumped so the query API's caches drop what is gone. Run by {@link TableUpkeep}; the rule is in
 * docs/architecture.md (Retention).
 */
public final class Retention {

    /** The monthly partitions the ensure functions name {@code <table>_YYYY_MM}. */
    private static final Pattern PARTITION = Pattern.compile("[a-z]+_(\\d{4})_(\\d{2})");
    static final String PARTITIONS = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = ?::regclass ORDER BY c.relname""";
    /** A short wait for the table locks: a drop that queued behind a long query would hold up every insert. */
    static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '10s'";
    /** What a dropped partition cannot hold: rows of months before the cutoff in the default partition. */
    static final String ROWS_OF_TABLE = "%s WHERE occurred_at < ?";
    /** Activity's guard rows before the cutoff: no figure reads them, so no tenant's cache is told. */
    static final String ACTIVITY_KEYS = "activity_keys WHERE occurred_at < ?";
    /** Each table's rows before the cutoff (? = the cutoff) whose tenants' figures change. */
    static final List<String> ROWS = List.of(
            "turn_keys WHERE occurred_at < ?",
            "model_rollups WHERE window_end <= ?",
            "agent_rollups WHERE window_end <= ?",
            "tool_rollups WHERE window_end <= ?",
            "session_rollups WHERE last_seen < ?");
    /** Deletes the rows and answers, per tenant, how many went (not one row back per deleted row). */
    static final String DELETE = "WITH gone AS (DELETE FROM %s RETURNING tenant_id) "
            + "SELECT tenant_id, count(*) FROM gone GROUP BY tenant_id";

    private final Duration keep;
    private final Clock clock;

    public Retention(Duration keep, Clock clock) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + keep);
        }
        this.keep = keep;
        this.clock = clock;
    }

    /** What one run removed. */
    public record Removed(Instant cutoff, List<YearMonth> partitions, int rows, SortedSet<String> tenants) {
    }

    /** The first instant kept: the start of the UTC month holding now − retention. */
    public Instant cutoff() {
        return MonthlyPartitions.monthOf(clock.instant().minus(keep)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /**
     * Drops and deletes everything before {@link #cutoff()} in one transaction, which it commits.
     *
     * @param tables the partitioned tables ({@code turns}, {@code activity}), told which months are gone
     */
    public Removed apply(Connection c, List<MonthlyPartitions> tables) throws SQLException {
        Instant cutoff = cutoff();
        YearMonth firstKept = MonthlyPartitions.monthOf(cutoff);
        MonthlyPartitions.lock(c);
        try (Statement s = c.createStatement()) {
            s.execute(LOCK_TIMEOUT);
        }
        // turn_keys holds one row per stored turn with its occurred_at, so its deleted rows name every tenant whose
        // turns go with the dropped partitions.
        SortedSet<String> tenants = new TreeSet<>();
        int rows = 0;
        for (String table : ROWS) {
            rows += delete(c, table, cutoff, tenants);
        }
        rows += delete(c, ACTIVITY_KEYS, cutoff, new TreeSet<>());
        SortedSet<YearMonth> dropped = new TreeSet<>();
        List<Runnable> forget = new ArrayList<>();
        for (MonthlyPartitions table : tables) {
            for (YearMonth month : dropBefore(c, table.table(), firstKept)) {
                dropped.add(month);
                forget.add(() -> table.forget(month));
            }
            SortedSet<String> touched = table.inFigures() ? tenants : new TreeSet<>();
            rows += delete(c, String.format(ROWS_OF_TABLE, table.table()), cutoff, touched);
        }
        SettledChanges.bump(c, tenants);
        c.commit();
        forget.forEach(Runnable::run);
        return new Removed(cutoff, List.copyOf(dropped), rows, tenants);
    }

    /** Drops {@code table}'s monthly partitions before {@code firstKept}; returns their months. */
    private static List<YearMonth> dropBefore(Connection c, String table, YearMonth firstKept) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(PARTITIONS)) {
            s.setString(1, table);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        List<YearMonth> dropped = new ArrayList<>();
        for (String name : names) {
            Matcher m = PARTITION.matcher(name);
            if (!m.matches() || !name.startsWith(table + "_")) {
                continue;
            }
            YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            if (month.isBefore(firstKept)) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + name);
                }
                dropped.add(month);
            }
        }
        return dropped;
    }

    private static int delete(Connection c, String rowsBefore, Instant cutoff, SortedSet<String> tenants)
            throws SQLException {
        int count = 0;
        try (PreparedStatement s = c.prepareStatement(String.format(DELETE, rowsBefore))) {
            s.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    tenants.add(rows.getString(1));
                    count += rows.getInt(2);
                }
            }
        }
        return count;
    }
}
