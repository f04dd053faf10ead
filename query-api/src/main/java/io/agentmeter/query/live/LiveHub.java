package io.agentmeter.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentmeter.query.auth.Caller;
import io.agentmeter.query.auth.Role;
import io.agentmeter.query.metrics.QueryMetrics;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.Page;
import io.agentmeter.query.sessions.SessionService;
import io.agentmeter.query.sessions.SessionSort;
import io.agentmeter.service.db.Database;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The live streams of every tenant: one {@link TenantFeed} per tenant with an open stream, all polled by one thread
 * every {@code agentmeter.live.poll-interval}. A tenant without streams costs nothing; its feed is dropped.
 */
@ApplicationScoped
public class LiveHub {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);

    private final LiveConfig config;
    private final StoredTurnRepository turns;
    private final SessionService sessions;
    private final ObjectMapper json;
    private final QueryMetrics metrics;
    private final Map<String, TenantFeed> feeds = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    public LiveHub(LiveConfig config, StoredTurnRepository turns, SessionService sessions, ObjectMapper json,
                   QueryMetrics metrics) {
        this.config = config;
        this.turns = turns;
        this.sessions = sessions;
        this.json = json;
        this.metrics = metrics;
    }

    /** The open streams gauge, from the start (0 until the first stream). */
    void onStart(@Observes StartupEvent event) {
        metrics.liveStreams(this::openStreams);
    }

    /**
     * A new stream for {@code caller}'s tenant, starting after {@code after} when given (else with turns stored from
     * now on). 429 when the tenant has the most streams allowed; 503 when PostgreSQL cannot answer.
     */
    public LiveSubscriber subscribe(Caller caller, Optional<StoredPosition> after) {
        startTicker();
        boolean developer = caller.may(Role.DEVELOPER);
        while (true) {
            TenantFeed feed = feeds.computeIfAbsent(caller.tenantId(), this::newFeed);
            Optional<LiveSubscriber> joined = Database.call(() -> feed.join(developer, after));
            if (joined.isPresent()) {
                return joined.get();
            }
            // The feed closed (its last stream ended) between the lookup and the join.
            feeds.remove(caller.tenantId(), feed);
        }
    }

    /** Open streams of a tenant (for tests and metrics). */
    public int streams(String tenantId) {
        TenantFeed feed = feeds.get(tenantId);
        return feed == null ? 0 : feed.streams();
    }

    /** Open streams of every tenant, as of each feed's last round (for metrics: never waits for a feed's lock). */
    public int openStreams() {
        return feeds.values().stream().mapToInt(TenantFeed::openStreams).sum();
    }

    /** The active sessions of a tenant: a turn within the active window, latest first. */
    ActiveSessions activeSessions(String tenantId) {
        Instant now = Instant.now();
        // A minute beyond now, for turns whose clock runs a little ahead of this server's.
        Filter filter = new Filter(tenantId, now.minus(config.activeWindow()), now.plus(Duration.ofMinutes(1)),
                List.of(), List.of(), List.of(), List.of(), new TreeMap<>(), ZoneOffset.UTC);
        return new ActiveSessions(now, config.activeWindow().toSeconds(),
                sessions.list(filter, SessionSort.LAST_SEEN, true, new Page(config.activeLimit(), Optional.empty()))
                        .items());
    }

    private TenantFeed newFeed(String tenantId) {
        return new TenantFeed(tenantId, config, turns, this::activeSessions, json, metrics);
    }

    private synchronized void startTicker() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agentmeter-live");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Instant now = Instant.now();
        for (Map.Entry<String, TenantFeed> entry : feeds.entrySet()) {
            try {
                if (!entry.getValue().tick(now)) {
                    feeds.remove(entry.getKey(), entry.getValue());
                }
            } catch (RuntimeException e) {
                // Never let one tenant's failure stop the ticker (a scheduled task that throws is not run again).
                LOG.errorf(e, "live feed of tenant %s failed", entry.getKey());
            }
        }
    }

    /** Ends every stream, so that open connections do not hold up the shutdown. */
    void onStop(@Observes ShutdownEvent event) {
        feeds.values().forEach(TenantFeed::close);
        feeds.clear();
        synchronized (this) {
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }
    }
}
