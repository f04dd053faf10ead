package io.agentmeter.query.health;

import io.agentmeter.query.metrics.QueryMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The parts' states for {@code GET /v1/health/parts} and the {@code agentmeter_query_part_up} gauges. One probe
 * round ({@link PartProber}) runs at a time and its answer is reused for {@code agentmeter.health.cache-ttl}, so
 * any number of dashboards and scrapes cost one probe of each part per period. Never throws.
 */
@ApplicationScoped
public class PartsHealthService {

    private static final Logger LOG = Logger.getLogger(PartsHealthService.class);

    private final Supplier<Map<Part, Verdict>> prober;
    private final Duration ttl;
    private final Duration wait;
    private final Clock clock;
    private final Instant started;
    private final Object lock = new Object();
    private final Transitions transitions = new Transitions();
    private CompletableFuture<PartsHealth> running;
    private PartsHealth last;
    private long lastNanos;

    @Inject
    public PartsHealthService(PartProber prober, HealthConfig config) {
        this(prober::probe, config.cacheTtl(), config.timeout(), Clock.systemUTC(),
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    PartsHealthService(Supplier<Map<Part, Verdict>> prober, Duration ttl, Duration timeout, Clock clock,
                       Instant started) {
        this.prober = prober;
        this.ttl = ttl;
        // A round takes about the timeout; past twice that something is wrong here, and the answer says so.
        this.wait = timeout.multipliedBy(2).plusSeconds(1);
        this.clock = clock;
        this.started = started;
    }

    void onStart(@Observes StartupEvent event, QueryMetrics metrics) {
        for (Part part : Part.values()) {
            metrics.partUp(part.id(), () -> gauge(part));
        }
    }

    /** Every part's state, probed at most {@code cache-ttl} ago. */
    public PartsHealth current() {
        CompletableFuture<PartsHealth> round;
        boolean start = false;
        synchronized (lock) {
            if (last != null && System.nanoTime() - lastNanos < ttl.toNanos()) {
                return last;
            }
            if (running == null) {
                running = new CompletableFuture<>();
                start = true;
            }
            round = running;
        }
        if (start) {
            // On this thread: the caller waits for it anyway, and a round is bounded by the probes' timeout.
            complete(round);
        }
        try {
            return round.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unprobed("interrupted while the parts were probed");
        } catch (ExecutionException | TimeoutException e) {
            return unprobed("the probes did not finish within " + wait.toMillis() + " ms");
        }
    }

    /**
     * The answer when the caller's key could not be checked because PostgreSQL did not answer: this server is up,
     * PostgreSQL down, and nothing more is told (the other parts are unknown).
     */
    public PartsHealth withoutKey(String why) {
        Instant now = clock.instant();
        Map<Part, Verdict> verdicts = new EnumMap<>(Part.class);
        verdicts.put(Part.QUERY_API, self());
        verdicts.put(Part.POSTGRESQL, Verdict.down(why));
        for (Part part : List.of(Part.GATEWAY, Part.KAFKA, Part.AGGREGATOR, Part.WRITER)) {
            verdicts.put(part, Verdict.unknown("not shown: the query key could not be checked while PostgreSQL"
                    + " does not answer"));
        }
        synchronized (lock) {
            return new PartsHealth(now, verdicts.entrySet().stream()
                    .map(e -> PartState.of(e.getKey(), e.getValue(),
                            e.getKey() == Part.QUERY_API ? started
                                    : transitions.since(e.getKey(), e.getValue().state(), now)))
                    .toList());
        }
    }

    private void complete(CompletableFuture<PartsHealth> round) {
        PartsHealth health;
        try {
            Instant at = clock.instant();
            Map<Part, Verdict> verdicts = new EnumMap<>(prober.get());
            verdicts.put(Part.QUERY_API, self());
            synchronized (lock) {
                List<PartState> parts = transitions.apply(at, verdicts);
                health = new PartsHealth(at, parts.stream().map(p -> p.part().equals(Part.QUERY_API.id())
                        ? new PartState(p.part(), p.name(), p.state(), started, p.detail()) : p).toList());
                last = health;
                lastNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            LOG.warn("probing the parts failed", e);
            health = unprobed("probing the parts failed: " + e);
        } finally {
            synchronized (lock) {
                running = null;
            }
        }
        round.complete(health);
    }

    private PartsHealth unprobed(String why) {
        Instant now = clock.instant();
        return new PartsHealth(now, Arrays.stream(Part.values())
                .map(part -> part == Part.QUERY_API ? PartState.of(part, self(), started)
                        : PartState.of(part, Verdict.unknown(why), now))
                .toList());
    }

    private Verdict self() {
        return Verdict.up("answering; started " + started);
    }

    /** 1 up, 0 down, NaN unknown; probes when the last answer is older than the cache's life. */
    private double gauge(Part part) {
        String state = current().parts().stream().filter(p -> p.part().equals(part.id())).findFirst()
                .map(PartState::state).orElse(Verdict.State.UNKNOWN.value());
        return state.equals(Verdict.State.UP.value()) ? 1 : state.equals(Verdict.State.DOWN.value()) ? 0 : Double.NaN;
    }
}
