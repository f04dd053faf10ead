package io.agentmeter.service.auth;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * How long and how many API keys a service trusts from memory ({@code io.agentmeter.schema.auth.KeyCache}),
 * {@code agentmeter.auth.*} in each service's configuration. A service with more key settings extends it.
 */
public interface KeyCacheSettings {

    /**
     * How long a key looked up in PostgreSQL is trusted from memory: a revoked key stops working on every instance
     * within this time (at once on the gateway instance that revoked it).
     */
    @WithName("cache-ttl")
    @WithDefault("10s")
    Duration cacheTtl();

    /** Most keys (known or unknown) remembered; the cache is emptied when it would grow beyond. */
    @WithName("cache-max-entries")
    @WithDefault("10000")
    int cacheMaxEntries();
}
