package io.agentmeter.schema.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One tool the turn called, with how often, how long and how many tokens it added where known. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolUse(String name, Integer calls, Long durationMs, Long inputTokens, Long outputTokens) {

    /**
     * One entry per distinct tool name, in first-seen order, with the figures of repeated entries summed (a figure
     * no entry reported stays null); entries without a name are left out. What the tool rollups count a turn under.
     */
    public static Map<String, ToolUse> byName(List<ToolUse> tools) {
        if (tools == null || tools.isEmpty()) {
            return Map.of();
        }
        Map<String, ToolUse> byName = new LinkedHashMap<>();
        for (ToolUse use : tools) {
            if (use != null && use.name() != null) {
                byName.merge(use.name(), use, ToolUse::plus);
            }
        }
        return byName;
    }

    private ToolUse plus(ToolUse other) {
        return new ToolUse(name, sum(calls, other.calls), sum(durationMs, other.durationMs),
                sum(inputTokens, other.inputTokens), sum(outputTokens, other.outputTokens));
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(a + b);
    }

    private static Long sum(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
}
