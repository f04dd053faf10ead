package io.agentmeter.query.it;

import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test-side bucketing and grouping, written independently of the API's own. */
public final class Grouping {

    private Grouping() {
    }

    /** The groups a turn falls in ("" = not reported); for tools, one per distinct tool name. */
    public static List<String> groups(TurnEvent t, String by) {
        if (by == null) {
            return List.of("");
        }
        return switch (by) {
            case "model" -> List.of(t.model());
            case "provider" -> List.of(t.provider() == null ? "" : t.provider());
            case "agent" -> List.of(t.agent() == null ? "" : t.agent());
            case "project" -> List.of(t.project() == null ? "" : t.project());
            case "tool" -> toolsByName(t.tools()).stream().map(ToolUse::name).toList();
            default -> throw new IllegalArgumentException(by);
        };
    }

    /** The start of the calendar bucket holding {@code at}, from the local date-time (earlier offset on overlap). */
    public static Instant bucket(Instant at, String interval, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalDateTime start = switch (interval) {
            case "minute" -> local.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> local.truncatedTo(ChronoUnit.HOURS);
            case "day" -> local.truncatedTo(ChronoUnit.DAYS);
            case "week" -> local.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            default -> throw new IllegalArgumentException(interval);
        };
        if (interval.equals("minute") || interval.equals("hour")) {
            // Within an hour the offset does not change, so the bucket keeps the turn's own offset.
            return start.atZone(zone).withEarlierOffsetAtOverlap().toInstant().isAfter(at)
                    ? start.atOffset(zone.getRules().getOffset(at)).toInstant()
                    : start.atOffset(zone.getRules().getOffset(at)).toInstant();
        }
        return start.atZone(zone).toInstant();
    }

    /** Turns per (bucket, group). */
    public static Map<Instant, Map<String, List<GeneratedTurn>>> split(List<GeneratedTurn> turns, String interval,
                                                                      ZoneId zone, String by) {
        Map<Instant, Map<String, List<GeneratedTurn>>> out = new HashMap<>();
        for (GeneratedTurn g : turns) {
            Instant b = bucket(g.turn().occurredAt(), interval, zone);
            for (String group : groups(g.turn(), by)) {
                out.computeIfAbsent(b, k -> new HashMap<>()).computeIfAbsent(group, k -> new ArrayList<>()).add(g);
            }
        }
        return out;
    }

    public static List<GeneratedTurn> cell(Map<Instant, Map<String, List<GeneratedTurn>>> split, Instant bucket,
                                           String group) {
        return split.getOrDefault(bucket, Map.of()).getOrDefault(group, Collections.emptyList());
    }

    /** The tool entries of one turn merged per name, as the aggregator does before the tool rollups. */
    public static List<ToolUse> toolsByName(List<ToolUse> uses) {
        Map<String, ToolUse> byName = new java.util.LinkedHashMap<>();
        if (uses != null) {
            for (ToolUse u : uses) {
                byName.merge(u.name(), u, (a, b) -> new ToolUse(a.name(), a.calls() == null ? b.calls()
                        : b.calls() == null ? a.calls() : Integer.valueOf(a.calls() + b.calls()),
                        sum(a.durationMs(), b.durationMs()), sum(a.inputTokens(), b.inputTokens()),
                        sum(a.outputTokens(), b.outputTokens())));
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static Long sum(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
}
