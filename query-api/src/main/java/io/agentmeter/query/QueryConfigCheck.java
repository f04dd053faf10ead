package io.agentmeter.query;

import io.agentmeter.query.capabilities.GatewayLink;
import io.agentmeter.query.config.QueryConfig;
import io.agentmeter.query.health.AggregatorLink;
import io.agentmeter.query.health.WriterLink;
import io.agentmeter.query.health.HealthConfig;
import io.agentmeter.query.live.LiveConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks every setting at start ({@link QueryConfig}, the live stream's {@link LiveConfig}, the health probes'
 * {@link HealthConfig} and the other parts' addresses), all at once, so a bad configuration names all its problems
 * in one go.
 */
public class QueryConfigCheck {

    void onStart(@Observes StartupEvent event, QueryConfig config, LiveConfig live, HealthConfig health,
                 GatewayLink gateway, AggregatorLink aggregator, WriterLink writer) {
        List<String> problems = problems(config);
        problems.addAll(problems(live));
        problems.addAll(problems(health, gateway, aggregator, writer));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid agentmeter configuration: " + String.join("; ", problems));
        }
    }

    static List<String> problems(QueryConfig config) {
        List<String> problems = new ArrayList<>();
        QueryConfig.Query q = config.query();
        positive(problems, "agentmeter.auth.cache-ttl", config.auth().cacheTtl());
        positive(problems, "agentmeter.auth.outage-grace", config.auth().outageGrace());
        if (config.auth().cacheMaxEntries() < 1) {
            problems.add("agentmeter.auth.cache-max-entries must be at least 1");
        }
        positive(problems, "agentmeter.query.default-range", q.defaultRange());
        positive(problems, "agentmeter.query.max-range", q.maxRange());
        positive(problems, "agentmeter.query.statement-timeout", q.statementTimeout());
        if (q.defaultRange().compareTo(q.maxRange()) > 0) {
            problems.add("agentmeter.query.default-range must not exceed agentmeter.query.max-range");
        }
        if (q.defaultLimit() < 1 || q.defaultLimit() > q.maxLimit()) {
            problems.add("agentmeter.query.default-limit must be between 1 and agentmeter.query.max-limit");
        }
        if (q.maxPoints() < 1) {
            problems.add("agentmeter.query.max-points must be at least 1");
        }
        if (q.exportFetchSize() < 1) {
            problems.add("agentmeter.query.export-fetch-size must be at least 1");
        }
        if (q.counterfactualMaxTurns() < 1) {
            problems.add("agentmeter.query.counterfactual-max-turns must be at least 1");
        }
        return problems;
    }

    static List<String> problems(LiveConfig config) {
        List<String> problems = new ArrayList<>();
        positive(problems, "agentmeter.live.poll-interval", config.pollInterval());
        positive(problems, "agentmeter.live.sessions-interval", config.sessionsInterval());
        positive(problems, "agentmeter.live.active-window", config.activeWindow());
        positive(problems, "agentmeter.live.heartbeat-interval", config.heartbeatInterval());
        if (config.activeLimit() < 1) {
            problems.add("agentmeter.live.active-limit must be at least 1");
        }
        if (config.maxStreamsPerTenant() < 1) {
            problems.add("agentmeter.live.max-streams-per-tenant must be at least 1");
        }
        if (config.batchTurns() < 1) {
            problems.add("agentmeter.live.batch-turns must be at least 1");
        }
        // A resuming client's missed turns are queued before its stream starts: they must fit, with room to spare.
        if (config.bufferEvents() < 2 * config.batchTurns()) {
            problems.add("agentmeter.live.buffer-events must be at least twice agentmeter.live.batch-turns");
        }
        return problems;
    }

    static List<String> problems(HealthConfig health, GatewayLink gateway, AggregatorLink aggregator,
                                 WriterLink writer) {
        List<String> problems = new ArrayList<>();
        positive(problems, "agentmeter.health.timeout", health.timeout());
        positive(problems, "agentmeter.health.cache-ttl", health.cacheTtl());
        url(problems, "agentmeter.health.gateway-url", health.gatewayUrl());
        url(problems, "agentmeter.gateway.url", gateway.url());
        url(problems, "agentmeter.aggregator.url", aggregator.url());
        url(problems, "agentmeter.writer.url", writer.url());
        return problems;
    }

    /** An address, when given (blank counts as not given), must be an absolute http(s) URL. */
    private static void url(List<String> problems, String name, Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return;
        }
        try {
            URI uri = new URI(value.get().strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                problems.add(name + " must be an http(s) URL with a host, got \"" + value.get() + "\"");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(name + " is not a URL: " + e.getMessage());
        }
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(name + " must be positive, got " + value);
        }
    }
}
