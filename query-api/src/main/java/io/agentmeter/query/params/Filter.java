package io.agentmeter.query.params;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * A checked filter: always one tenant (the caller's) and one range [from, to); each list empty for "any"; labels all
 * required.
 */
public record Filter(
        String tenantId,
        Instant from,
        Instant to,
        List<String> projects,
        List<String> agents,
        List<String> models,
        List<String> providers,
        SortedMap<String, String> labels,
        ZoneId zone) {

    public Filter {
        projects = List.copyOf(projects);
        agents = List.copyOf(agents);
        models = List.copyOf(models);
        providers = List.copyOf(providers);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    public Filter withRange(Instant newFrom, Instant newTo) {
        return new Filter(tenantId, newFrom, newTo, projects, agents, models, providers, labels, zone);
    }

    /** The same length, ending where this one starts. */
    public Filter previousPeriod() {
        return withRange(from.minus(length()), from);
    }

    /** The dimensions this filter restricts. */
    public Set<Dimension> restricted() {
        Set<Dimension> dims = EnumSet.noneOf(Dimension.class);
        if (!projects.isEmpty()) {
            dims.add(Dimension.PROJECT);
        }
        if (!agents.isEmpty()) {
            dims.add(Dimension.AGENT);
        }
        if (!models.isEmpty()) {
            dims.add(Dimension.MODEL);
        }
        if (!providers.isEmpty()) {
            dims.add(Dimension.PROVIDER);
        }
        return dims;
    }

    public List<String> values(Dimension dimension) {
        return switch (dimension) {
            case PROJECT -> projects;
            case AGENT -> agents;
            case MODEL -> models;
            case PROVIDER -> providers;
            case TOOL -> List.of();
        };
    }

    /** A stable text of everything but the range, to tie a cursor to the query it came from. */
    public String fingerprint() {
        return String.join("|", tenantId, String.join(",", projects), String.join(",", agents),
                String.join(",", models), String.join(",", providers), labels.toString(), zone.getId());
    }
}
