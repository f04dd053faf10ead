package io.agentmeter.query.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Settings of the live stream ({@code GET /v1/live}), from {@code agentmeter.live.*} or the matching environment
 * variables ({@code AGENTMETER_LIVE_POLL_INTERVAL}, ...). docs/query-api.md lists them.
 */
@ConfigMapping(prefix = "agentmeter.live")
public interface LiveConfig {

    /** How often each tenant with a subscriber is asked for turns stored since the last look. */
    @WithName("poll-interval")
    @WithDefault("1s")
    Duration pollInterval();

    /** How often the active sessions are sent. */
    @WithName("sessions-interval")
    @WithDefault("5s")
    Duration sessionsInterval();

    /** A session is active when it had a turn this recently. */
    @WithName("active-window")
    @WithDefault("5m")
    Duration activeWindow();

    /** Most active sessions one {@code sessions} event holds (the latest first). */
    @WithName("active-limit")
    @WithDefault("50")
    int activeLimit();

    /** A comment is sent this often, so that proxies keep an idle stream open and a gone client is noticed. */
    @WithName("heartbeat-interval")
    @WithDefault("15s")
    Duration heartbeatInterval();

    /** Most open streams of one tenant; one more is answered 429. */
    @WithName("max-streams-per-tenant")
    @WithDefault("20")
    int maxStreamsPerTenant();

    /** Most events waiting for one slow client; one more and its stream is ended (it may reconnect and resume). */
    @WithName("buffer-events")
    @WithDefault("512")
    int bufferEvents();

    /** Most turns read from PostgreSQL in one round trip (a tenant's poll reads more round trips if needed). */
    @WithName("batch-turns")
    @WithDefault("200")
    int batchTurns();
}
