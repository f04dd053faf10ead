package io.agentmeter.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.query.metrics.QueryMetrics;
import io.agentmeter.service.db.Database;
import io.agentmeter.service.http.ErrorAnswer;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The live feed of one tenant: one reader of PostgreSQL for all of the tenant's open streams. Each poll reads the
 * turns stored after the feed's position, serializes each once (twice: with and without the developer-only fields)
 * and queues it on every stream. All of it runs under this object's lock, so a stream joins between two polls and
 * misses nothing.
 */
final class TenantFeed {

    private static final Logger LOG = Logger.getLogger(TenantFeed.class);
    /** Most reads of one poll, so that a tenant storing a burst does not hold up the others. */
    private static final int MAX_READS_PER_POLL = 10;
    private static final long ABANDONED_NANOS = Duration.ofSeconds(30).toNanos();

    private final String tenantId;
    private final LiveConfig config;
    private final StoredTurnRepository turns;
    private final Function<String, ActiveSessions> activeSessions;
    private final ObjectMapper json;
    private final QueryMetrics metrics;
    private final List<LiveSubscriber> subscribers = new ArrayList<>();
    private StoredPosition position;
    private LiveEvent lastSessions;
    private Instant nextSessions = Instant.MIN;
    private Instant nextHeartbeat = Instant.MIN;
    private boolean closed;
    /** The streams as of the last change, read without the lock (a poll may hold it while PostgreSQL is slow). */
    private volatile int open;

    TenantFeed(String tenantId, LiveConfig config, StoredTurnRepository turns,
               Function<String, ActiveSessions> activeSessions, ObjectMapper json, QueryMetrics metrics) {
        this.tenantId = tenantId;
        this.config = config;
        this.turns = turns;
        this.activeSessions = activeSessions;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * A new stream of this feed, given the turns stored after {@code after} first; empty when this feed has just
     * closed (the caller makes a new one). A client that missed more than one batch gets one batch and an ended
     * stream: it reconnects with the last id and gets the next, so catching up never needs an unbounded queue.
     */
    synchronized Optional<LiveSubscriber> join(boolean developer, Optional<StoredPosition> after)
            throws SQLException {
        if (closed) {
            return Optional.empty();
        }
        prune();
        if (subscribers.size() >= config.maxStreamsPerTenant()) {
            throw new ApiException(429, "too_many_streams", "this tenant has " + subscribers.size()
                    + " live streams open, the most allowed (agentmeter.live.max-streams-per-tenant); close one",
                    List.of(), config.heartbeatInterval());
        }
        if (position == null) {
            position = turns.horizon();
        }
        LiveSubscriber subscriber = new LiveSubscriber(developer, config.bufferEvents(), after.orElse(null));
        if (after.isPresent() && after.get().compareTo(position) < 0) {
            List<StoredTurn> missed = turns.storedBetween(tenantId, after.get(), position, config.batchTurns() + 1);
            for (StoredTurn turn : missed.subList(0, Math.min(missed.size(), config.batchTurns()))) {
                subscriber.offerTurn(turn.position(), turnEvent(turn, developer));
            }
            if (missed.size() > config.batchTurns()) {
                subscriber.finish();
                return Optional.of(subscriber);
            }
        }
        if (lastSessions == null) {
            sendSessions(Instant.now());
        }
        subscriber.offer(lastSessions);
        subscribers.add(subscriber);
        open = subscribers.size();
        return Optional.of(subscriber);
    }

    /** One round: new turns, the active sessions when due, a heartbeat when due. False once no stream is left. */
    synchronized boolean tick(Instant now) {
        prune();
        if (subscribers.isEmpty()) {
            closed = true;
            return false;
        }
        try {
            pollTurns();
            if (!now.isBefore(nextSessions)) {
                sendSessions(now);
            }
        } catch (SQLException e) {
            // PostgreSQL away or slow: the streams stay open and the next round reads from the same position.
            LOG.warnf("live feed of tenant %s could not read PostgreSQL: %s", tenantId, e.getMessage());
            metrics.databaseError(QueryMetrics.LIVE, Database.errorCode(e));
        } catch (ErrorAnswer e) {
            // The active sessions, read through the session service, fail as an answer would (503).
            LOG.warnf("live feed of tenant %s could not read PostgreSQL: %s", tenantId, e.getMessage());
            if (Database.isDatabaseError(e.code())) {
                metrics.databaseError(QueryMetrics.LIVE, e.code());
            }
        } catch (RuntimeException e) {
            LOG.warnf("live feed of tenant %s failed a round: %s", tenantId, e.getMessage());
        }
        if (!now.isBefore(nextHeartbeat)) {
            nextHeartbeat = now.plus(config.heartbeatInterval());
            LiveEvent beat = LiveEvent.comment("keep-alive " + now);
            subscribers.forEach(s -> s.offer(beat));
        }
        return true;
    }

    /** Ends every stream (the server is stopping). */
    synchronized void close() {
        closed = true;
        subscribers.forEach(LiveSubscriber::end);
        subscribers.clear();
        open = 0;
    }

    synchronized int streams() {
        prune();
        return subscribers.size();
    }

    /** The open streams as of the last join or round, without waiting for the lock (for metrics). */
    int openStreams() {
        return open;
    }

    private void pollTurns() throws SQLException {
        // Each turn is written as JSON once per kind of subscriber there is, not for a kind nobody holds.
        boolean developers = subscribers.stream().anyMatch(LiveSubscriber::developer);
        boolean viewers = subscribers.stream().anyMatch(s -> !s.developer());
        for (int read = 0; read < MAX_READS_PER_POLL; read++) {
            List<StoredTurn> stored = turns.storedAfter(tenantId, position, config.batchTurns());
            for (StoredTurn turn : stored) {
                LiveEvent full = developers ? turnEvent(turn, true) : null;
                LiveEvent viewer = viewers ? turnEvent(turn, false) : null;
                for (LiveSubscriber s : subscribers) {
                    s.offerTurn(turn.position(), s.developer() ? full : viewer);
                }
                position = turn.position();
            }
            if (stored.size() < config.batchTurns()) {
                return;
            }
        }
    }

    private void sendSessions(Instant now) {
        nextSessions = now.plus(config.sessionsInterval());
        lastSessions = LiveEvent.named(LiveEvent.SESSIONS, null, write(activeSessions.apply(tenantId)));
        subscribers.forEach(s -> s.offer(lastSessions));
    }

    /** A turn event; a viewer's leaves out prompt_text and params, as the session endpoint does without include. */
    private LiveEvent turnEvent(StoredTurn turn, boolean developer) {
        return LiveEvent.named(LiveEvent.TURN, turn.position().toString(),
                write(developer ? turn.row() : turn.row().withoutDeveloperFields()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a live event", e);
        }
    }

    private void prune() {
        subscribers.removeIf(s -> {
            if (s.abandoned(ABANDONED_NANOS)) {
                s.end();
            }
            if (s.ended() && s.overflowed()) {
                metrics.liveStreamOverflowed();
                LOG.infof("live stream of tenant %s ended: the client fell %d events behind", tenantId,
                        config.bufferEvents());
            }
            return s.ended();
        });
        open = subscribers.size();
    }
}
