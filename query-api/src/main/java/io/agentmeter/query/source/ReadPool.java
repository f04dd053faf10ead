package io.agentmeter.query.source;

import io.agentmeter.service.db.Database;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the independent SQL reads of one answer (each window size, the turn edges, the previous period) at once, so an
 * answer takes as long as its slowest read rather than their sum. Bounded: at most {@value #THREADS} reads run
 * together, below the connection pool's size.
 */
@ApplicationScoped
public class ReadPool {

    static final int THREADS = 8;

    /** A read that may fail with an {@link SQLException}. */
    @FunctionalInterface
    public interface Read<T> {
        T read() throws SQLException;
    }

    private final AtomicInteger count = new AtomicInteger();
    /** Leaf reads: single SQL statements, which never wait for other tasks. */
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> daemon(runnable,
            "query-read-"));
    /** Composite parts of an answer (a period, a window), which wait for their leaf reads: their own pool. */
    private final ExecutorService parts = Executors.newFixedThreadPool(THREADS, runnable -> daemon(runnable,
            "query-part-"));

    private Thread daemon(Runnable runnable, String prefix) {
        Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** Runs every single-statement read, the last one on the calling thread; their results in order. */
    public <T> List<T> all(List<Read<T>> reads) throws SQLException {
        return run(reads, executor);
    }

    /** Runs parts of an answer that may themselves use {@link #all}; a failed read becomes the usual 503. */
    public <T> List<T> parts(List<Read<T>> reads) {
        return Database.call(() -> run(reads, parts));
    }

    private static <T> List<T> run(List<Read<T>> reads, ExecutorService executor) throws SQLException {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (int i = 0; i < reads.size() - 1; i++) {
            Read<T> read = reads.get(i);
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return read.read();
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, executor));
        }
        List<T> out = new ArrayList<>();
        T last = reads.isEmpty() ? null : reads.get(reads.size() - 1).read();
        for (CompletableFuture<T> future : futures) {
            try {
                out.add(future.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }
        if (!reads.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        parts.shutdownNow();
    }
}
