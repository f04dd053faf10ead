package io.agentmeter.query.health;

import io.agentmeter.query.capabilities.GatewayLink;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Asks every part for its state, all at once, each bounded by {@code agentmeter.health.timeout}: PostgreSQL with
 * {@code SELECT 1} through this server's own pool (what its readiness checks), the gateway's
 * {@code /q/health/ready} (which also says whether it reaches Kafka), and the aggregator's and the writer's
 * {@code /health/ready}.
 * Never throws: a probe that fails or stays silent is a verdict too.
 */
@ApplicationScoped
public class PartProber {

    static final String GATEWAY_READINESS = "/q/health/ready";
    /** The aggregator's and the writer's readiness path. */
    static final String AGGREGATOR_READINESS = "/health/ready";

    private final DataSource dataSource;
    private final Duration timeout;
    private final Optional<String> gatewayReadiness;
    private final Optional<String> aggregatorReadiness;
    private final Optional<String> writerReadiness;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "agentmeter-health-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;

    public PartProber(DataSource dataSource, HealthConfig config, GatewayLink gateway, AggregatorLink aggregator,
                      WriterLink writer) {
        this.dataSource = dataSource;
        this.timeout = config.timeout();
        this.gatewayReadiness = present(config.gatewayUrl()).or(() -> present(gateway.url()))
                .map(url -> readiness(url, GATEWAY_READINESS));
        this.aggregatorReadiness = present(aggregator.url()).map(url -> readiness(url, AGGREGATOR_READINESS));
        this.writerReadiness = present(writer.url()).map(url -> readiness(url, AGGREGATOR_READINESS));
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** Every part but this server itself, probed in parallel; returns within about the timeout. */
    public Map<Part, Verdict> probe() {
        CompletableFuture<Verdict> database = CompletableFuture.supplyAsync(this::database, executor)
                .completeOnTimeout(Verdict.down(silence("SELECT 1")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Map<Part, Verdict>> gateway = gatewayReadiness
                .map(url -> get(url).thenApply(answer -> answer.verdicts(url)))
                .orElseGet(() -> CompletableFuture.completedFuture(Map.of(
                        Part.GATEWAY, Verdict.unknown("not configured: set AGENTMETER_GATEWAY_URL (or"
                                + " AGENTMETER_HEALTH_GATEWAY_URL) to the gateway's address"),
                        Part.KAFKA, Verdict.unknown("seen through the gateway's readiness; the gateway is not"
                                + " configured"))));
        CompletableFuture<Verdict> aggregator = plainService(aggregatorReadiness, "AGENTMETER_AGGREGATOR_URL",
                "aggregator");
        CompletableFuture<Verdict> writer = plainService(writerReadiness, "AGENTMETER_WRITER_URL", "writer");
        Map<Part, Verdict> verdicts = new EnumMap<>(Part.class);
        verdicts.put(Part.POSTGRESQL, database.join());
        verdicts.putAll(gateway.join());
        verdicts.put(Part.AGGREGATOR, aggregator.join());
        verdicts.put(Part.WRITER, writer.join());
        return verdicts;
    }

    /** The aggregator's or the writer's readiness (the same JDK-server endpoint), or why it is not asked. */
    private CompletableFuture<Verdict> plainService(Optional<String> readiness, String setting, String name) {
        return readiness.map(url -> get(url).thenApply(answer -> answer.plainService(url)))
                .orElseGet(() -> CompletableFuture.completedFuture(Verdict.unknown(
                        "not configured: set " + setting + " to the " + name + "'s HTTP address")));
    }

    /** What a GET answered, or why it did not. */
    private record Answer(int status, String body, String failure) {

        Map<Part, Verdict> verdicts(String url) {
            return failure != null ? ReadinessAnswers.gatewaySilent(url, failure)
                    : ReadinessAnswers.gateway(url, status, body);
        }

        Verdict plainService(String url) {
            return failure != null ? Verdict.down("no answer from GET " + url + ": " + failure)
                    : ReadinessAnswers.plainService(url, status, body);
        }
    }

    private CompletableFuture<Answer> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> error == null ? new Answer(response.statusCode(), response.body(), null)
                        : new Answer(0, null, describe(error)))
                // The request's own timeout should fire first; this bounds a body that trickles in.
                .completeOnTimeout(new Answer(0, null, silence("it")), timeout.toMillis() + 250,
                        TimeUnit.MILLISECONDS);
    }

    private Verdict database() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute("SELECT 1");
            return Verdict.up("SELECT 1 answered in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (SQLException e) {
            return Verdict.down("SELECT 1 failed: " + describe(e));
        } catch (RuntimeException e) {
            return Verdict.down("SELECT 1 failed: " + describe(e));
        }
    }

    private String silence(String what) {
        return "no answer to " + what + " within " + timeout.toMillis() + " ms";
    }

    /** The innermost message of a failure (HttpClient's ConnectException has none of its own), with its kind. */
    String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        Throwable named = e;
        while (named.getMessage() == null && named.getCause() != null) {
            named = named.getCause();
        }
        if (e instanceof ConnectException && named.getMessage() == null) {
            return "cannot connect (ConnectException): nothing listens there, or it cannot be reached";
        }
        return e.getClass().getSimpleName() + (named.getMessage() == null ? "" : ": " + named.getMessage());
    }

    private static Optional<String> present(Optional<String> url) {
        return url.map(String::strip).filter(u -> !u.isEmpty());
    }

    /** The base URL (which may carry a path prefix) with the readiness path appended. */
    static String readiness(String base, String path) {
        return base.replaceAll("/+$", "") + path;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
