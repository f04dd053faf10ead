package io.agentmeter.writer.jdbc;

import io.agentmeter.schema.db.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the writer's tables in time without anyone remembering to: at start and then every {@code interval} (a day in
 * the writer) it creates the partitions of {@code turns} and {@code activity} ahead
 * ({@link MonthlyPartitions#ensureAhead}) and, when a
 * retention is set, forgets what is older ({@link Retention}). On its own thread and connection, so it never holds up
 * a sink batch; a run that fails (PostgreSQL down, a lock not granted in time) is logged and tried again a minute
 * later. Every instance of the writer runs it; the partition lock makes concurrent runs take turns.
 */
public final class TableUpkeep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableUpkeep.class);
    static final Duration RETRY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final List<MonthlyPartitions> partitions;
    private final Optional<Retention> retention;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "agentmeter-table-upkeep");
        thread.setDaemon(true);
        return thread;
    });
    private boolean migrated;

    public TableUpkeep(DataSource dataSource, List<MonthlyPartitions> partitions, Optional<Retention> retention,
                       Duration interval) {
        this.dataSource = dataSource;
        this.partitions = List.copyOf(partitions);
        this.retention = retention;
        this.interval = interval;
    }

    /** Runs now, then every interval (a failed run again after a minute). */
    public void start() {
        scheduler.execute(this::runAndSchedule);
    }

    private void runAndSchedule() {
        Duration next = interval;
        try {
            runOnce();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("table upkeep failed, trying again in {}: {}", RETRY, e.toString());
            next = RETRY.compareTo(interval) < 0 ? RETRY : interval;
        }
        try {
            scheduler.schedule(this::runAndSchedule, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed meanwhile: no next run
        }
    }

    /** One run: partitions ahead, then retention; each in a transaction of its own. */
    public void runOnce() throws SQLException {
        if (!migrated) {
            // The function that creates partitions comes with the migrations; a fresh database may not have it yet.
            Migrations.apply(dataSource);
            migrated = true;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (MonthlyPartitions table : partitions) {
                    int created = table.ensureAhead(c);
                    if (created > 0) {
                        LOG.info("created {} monthly partitions of {}", created, table.table());
                    }
                }
                if (retention.isPresent()) {
                    Retention.Removed removed = retention.get().apply(c, partitions);
                    LOG.info("retention: kept everything from {}; dropped partitions {}, deleted {} rows of {} tenants",
                            removed.cutoff(), removed.partitions(), removed.rows(), removed.tenants().size());
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
