package io.agentmeter.ingest.ops;

import io.agentmeter.ingest.config.GatewayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while PostgreSQL answers {@code SELECT 1} within {@code agentmeter.db.health-timeout} (1 s by default).
 * The query runs on its own thread so the probe returns on time even when a connection attempt hangs.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "agentmeter-db-readiness");
        thread.setDaemon(true);
        return thread;
    });

    public DatabaseReadiness(DataSource dataSource, GatewayConfig config) {
        this.dataSource = dataSource;
        this.timeout = config.db().healthTimeout();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("postgresql");
        CompletableFuture<Void> probe = CompletableFuture.runAsync(this::selectOne, executor);
        try {
            probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.up().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (ExecutionException e) {
            return response.down().withData("error", String.valueOf(e.getCause().getMessage())).build();
        } catch (TimeoutException e) {
            probe.cancel(true);
            return response.down().withData("error", "no answer within " + timeout.toMillis() + " ms").build();
        }
    }

    private void selectOne() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute("SELECT 1");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
