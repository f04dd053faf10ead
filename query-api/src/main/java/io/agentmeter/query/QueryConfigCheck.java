package io.agentmeter.query;

import io.agentmeter.query.live.LiveConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every setting at start ({@link QueryConfig} and the live stream's {@link LiveConfig}), all at once, so a bad
 * configuration names all its problems in one go.
 */
public class QueryConfigCheck {

    void onStart(@Observes StartupEvent event, QueryConfig config, LiveConfig live) {
        List<String> problems = problems(config);
        problems.addAll(problems(live));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid agentmeter configuration: " + String.join("; ", problems));
        }
    }

    static List<String> problems(QueryConfig config) {
        List<String> problems = new ArrayList<>();
        QueryConfig.Query q = config.query();
        positive(problems, "agentmeter.auth.cache-ttl", config.auth().cacheTtl());
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

    private static void positive(List<String> problems, String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(name + " must be positive, got " + value);
        }
    }
}
