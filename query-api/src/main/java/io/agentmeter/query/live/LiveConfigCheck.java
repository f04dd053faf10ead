package io.agentmeter.query.live;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checks the live settings at start, all at once, so a bad configuration names all its problems in one go. */
public class LiveConfigCheck {

    void onStart(@Observes StartupEvent event, LiveConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid agentmeter configuration: " + String.join("; ", problems));
        }
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
