package io.agentmeter.query.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@code GET /v1/health/parts} probes the other parts ({@code agentmeter.health.*},
 * {@code AGENTMETER_HEALTH_*}). The aggregator's address is {@link AggregatorLink}, the gateway's
 * {@code agentmeter.gateway.url} unless {@link #gatewayUrl()} says otherwise.
 */
@ConfigMapping(prefix = "agentmeter.health")
public interface HealthConfig {

    /**
     * Where this server reaches the gateway, when that differs from {@code agentmeter.gateway.url} (the address
     * browsers use): e.g. {@code http://ingest-gateway:8080} between containers.
     */
    @WithName("gateway-url")
    Optional<String> gatewayUrl();

    /**
     * Bound of each probe (PostgreSQL's {@code SELECT 1}, each readiness GET). The gateway's own readiness takes up
     * to about 2 s when Kafka or PostgreSQL is down, so less would report it silent rather than say why.
     */
    @WithName("timeout")
    @WithDefault("3s")
    Duration timeout();

    /** An answer is reused for this long, so any number of dashboards cost one probe of each part per period. */
    @WithName("cache-ttl")
    @WithDefault("5s")
    Duration cacheTtl();
}
