package io.agentmeter.writer.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a monthly partition (UTC months) of a table partitioned by month on {@code occurred_at} for every month a row
 * is written into, so no row lands in its default partition: {@code turns} (migration V2's
 * {@code ensure_turn_partitions}) and {@code activity} (V13's {@code ensure_activity_partitions}).
 * {@link #ensureAhead} creates the months from the clock's month to {@code monthsAhead} later (run at start and daily
 * by {@link TableUpkeep}), and {@link #ensureFor} the months of a batch's rows before it is written (an import of old
 * history). The months known to exist are remembered, so live traffic asks PostgreSQL nothing. One instance per table
 * is shared by its sink's storage and the upkeep; {@link Retention} makes it forget the months it drops.
 */
public final class MonthlyPartitions {

    /** Months ahead of the current one kept partitioned unless configured otherwise. */
    public static final int DEFAULT_MONTHS_AHEAD = 12;
    /** Taken by every partition change (here and in {@link Retention}), so two instances never race on one month. */
    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('agentmeter.turns.partitions'))";
    /** Partition bounds are dates, read as timestamptz in the session's time zone: months are UTC months. */
    static final String UTC = "SET LOCAL TimeZone = 'UTC'";
    /** Months that still have rows in the default partition (written before their partition existed). */
    private static final String DEFAULT_MONTHS =
            "SELECT DISTINCT to_char(date_trunc('month', occurred_at), 'YYYY-MM') FROM %s_default";

    private final String table;
    private final boolean inFigures;
    private final String ensure;
    private final Clock clock;
    private final int monthsAhead;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    private MonthlyPartitions(String table, boolean inFigures, String ensureFunction, Clock clock, int monthsAhead) {
        if (monthsAhead < 0) {
            throw new IllegalArgumentException("months ahead must not be negative, got " + monthsAhead);
        }
        this.table = table;
        this.inFigures = inFigures;
        this.ensure = "SELECT " + ensureFunction + "(?, ?)";
        this.clock = clock;
        this.monthsAhead = monthsAhead;
    }

    /** The partitions of {@code turns} ({@code turns_YYYY_MM}). */
    public static MonthlyPartitions turns(Clock clock, int monthsAhead) {
        return new MonthlyPartitions("turns", true, "ensure_turn_partitions", clock, monthsAhead);
    }

    /** The partitions of {@code activity} ({@code activity_YYYY_MM}). */
    public static MonthlyPartitions activity(Clock clock, int monthsAhead) {
        return new MonthlyPartitions("activity", false, "ensure_activity_partitions", clock, monthsAhead);
    }

    /** The partitioned table. */
    public String table() {
        return table;
    }

    /**
     * Whether the figures are made of this table's rows (turns: a dropped row changes its tenant's figures; activity
     * is never spend).
     */
    public boolean inFigures() {
        return inFigures;
    }

    /**
     * Creates the partitions from the clock's month to {@code monthsAhead} months later, and one for every month that
     * still has rows in the default partition (they are moved into it), in one transaction that it commits.
     *
     * @return how many partitions it created
     */
    public int ensureAhead(Connection c) throws SQLException {
        YearMonth first = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        YearMonth last = first.plusMonths(monthsAhead);
        lock(c);
        int created = ensure(c, first, last);
        List<YearMonth> stranded = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(String.format(DEFAULT_MONTHS, table))) {
            while (rows.next()) {
                stranded.add(YearMonth.parse(rows.getString(1)));
            }
        }
        for (YearMonth month : stranded) {
            created += ensure(c, month, month);
        }
        c.commit();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            known.add(month);
        }
        known.addAll(stranded);
        return created;
    }

    /**
     * Makes sure every month of {@code times} (the batch's rows' {@code occurred_at}) has its partition, in a
     * transaction of its own that it commits (so call it before the batch's own transaction begins). Asks PostgreSQL
     * only about months not known yet.
     */
    public void ensureFor(Connection c, Collection<Instant> times) throws SQLException {
        SortedSet<YearMonth> missing = new TreeSet<>();
        for (Instant at : times) {
            YearMonth month = monthOf(at);
            if (!known.contains(month)) {
                missing.add(month);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        lock(c);
        for (YearMonth month : missing) {
            ensure(c, month, month);
        }
        c.commit();
        // Only once committed: a rolled-back CREATE TABLE leaves no partition behind.
        known.addAll(missing);
    }

    /** Forgets {@code month} (its partition was dropped): the next row of that month asks again. */
    void forget(YearMonth month) {
        known.remove(month);
    }

    static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC));
    }

    /** Opens the transaction's partition work: UTC bounds, and the lock every partition change takes. */
    static void lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(UTC);
            s.execute(LOCK);
        }
    }

    private int ensure(Connection c, YearMonth from, YearMonth to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ensure)) {
            s.setObject(1, from.atDay(1));
            s.setObject(2, to.atDay(1));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
