package io.agentmeter.cli.importer;

import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.event.TurnEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the command line sets on every imported event: {@code --project}, {@code --agent}, {@code --user},
 * {@code --label k=v} (these replace what the log said), and {@code --ignore-reported-cost}.
 */
public record EventDefaults(String project, String agent, String userId, Map<String, String> labels,
                            boolean ignoreReportedCost) {

    public static final EventDefaults NONE = new EventDefaults(null, null, null, Map.of(), false);

    public EventDefaults {
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    /** The command line's project, agent and user on an activity event (labels and costs are turns' only). */
    public ActivityEvent apply(ActivityEvent event) {
        ActivityEvent out = event;
        if (project != null || userId != null) {
            out = out.withProjectAndUser(project != null ? project : out.project(),
                    userId != null ? userId : out.userId());
        }
        return agent != null ? out.withAgent(agent) : out;
    }

    public TurnEvent apply(TurnEvent event) {
        if (project == null && agent == null && userId == null && labels.isEmpty() && !ignoreReportedCost) {
            return event;
        }
        TurnBuilder turn = TurnBuilder.from(event);
        if (project != null) {
            turn.project(project);
        }
        if (agent != null) {
            turn.agent(agent);
        }
        if (userId != null) {
            turn.userId(userId);
        }
        if (!labels.isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(event.labels() == null ? Map.of() : event.labels());
            merged.putAll(labels);
            turn.labels(merged);
        }
        if (ignoreReportedCost) {
            turn.reportedCostUsd(null);
        }
        return turn.build();
    }
}
