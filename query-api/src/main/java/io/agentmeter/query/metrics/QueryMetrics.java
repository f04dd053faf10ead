package io.agentmeter.query.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The query API's own meters, scraped at {@code /q/metrics} (Prometheus names in brackets):
 * <ul>
 *   <li>{@code agentmeter.query.requests.rejected} {status, error}: every error answer (400, 401, 403, 404, 429,
 *       503 ...) by status and error code [agentmeter_query_requests_rejected_total]</li>
 *   <li>{@code agentmeter.query.database.errors} {source, error}: PostgreSQL could not answer (error
 *       {@code database_unavailable}) or hit the statement timeout ({@code query_timeout}); source {@code request} (the
 *       request was answered 503), {@code export} (an export was cut short after its 200), {@code live} (a live feed's
 *       poll; the streams stay open) [agentmeter_query_database_errors_total]</li>
 *   <li>{@code agentmeter.query.live.streams}: open {@code GET /v1/live} streams, all tenants
 *       [agentmeter_query_live_streams]</li>
 *   <li>{@code agentmeter.query.live.streams.overflowed}: live streams ended because their client fell
 *       {@code agentmeter.live.buffer-events} behind [agentmeter_query_live_streams_overflowed_total]</li>
 *   <li>{@code agentmeter.query.part.up} {part}: each part as {@code GET /v1/health/parts} sees it, 1 up, 0 down,
 *       NaN unknown [agentmeter_query_part_up]</li>
 * </ul>
 * Request counts and latency per route template come from Quarkus ({@code http_server_requests_seconds},
 * {@link HttpServerBuckets}), the connection pool's from Agroal ({@code agroal_*}).
 */
@ApplicationScoped
public class QueryMetrics {

    /** The {@code source} of a database error. */
    public static final String REQUEST = "request";
    public static final String EXPORT = "export";
    public static final String LIVE = "live";
    /** The {@code error} of a database error (as {@code io.agentmeter.service.db.Database} names them). */
    public static final List<String> DATABASE_ERRORS = List.of("database_unavailable", "query_timeout");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter liveOverflows;

    public QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.liveOverflows = Counter.builder("agentmeter.query.live.streams.overflowed")
                .description("Live streams ended because their client fell too far behind")
                .register(registry);
        // At 0 from the start, so that rate() and alerts see the series before the first failure.
        for (String source : List.of(REQUEST, EXPORT, LIVE)) {
            DATABASE_ERRORS.forEach(error -> databaseCounter(source, error));
        }
    }

    /** An error answer. */
    public void rejected(int status, String error) {
        counter("agentmeter.query.requests.rejected", "Requests answered with an error, by status and error code",
                "status", Integer.toString(status), "error", error).increment();
    }

    /** PostgreSQL failed a call; {@code error} is {@code database_unavailable} or {@code query_timeout}. */
    public void databaseError(String source, String error) {
        databaseCounter(source, error).increment();
    }

    private Counter databaseCounter(String source, String error) {
        return counter("agentmeter.query.database.errors", "PostgreSQL calls that failed or timed out, by where and"
                + " how", "source", source, "error", error);
    }

    public void liveStreamOverflowed() {
        liveOverflows.increment();
    }

    /** The open live streams, read at every scrape. */
    public void liveStreams(Supplier<Number> open) {
        Gauge.builder("agentmeter.query.live.streams", open)
                .description("Open GET /v1/live streams")
                .strongReference(true)
                .register(registry);
    }

    /** A part's state (1 up, 0 down, NaN unknown), read at every scrape. */
    public void partUp(String part, Supplier<Number> up) {
        Gauge.builder("agentmeter.query.part.up", up)
                .description("Each part as GET /v1/health/parts sees it: 1 up, 0 down, NaN unknown")
                .tag("part", part)
                .strongReference(true)
                .register(registry);
    }

    private Counter counter(String name, String description, String... tags) {
        String id = name + "|" + String.join("|", tags);
        return counters.computeIfAbsent(id, i -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }
}
