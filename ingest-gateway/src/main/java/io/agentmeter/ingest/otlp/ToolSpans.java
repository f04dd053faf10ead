package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.agentmeter.schema.validation.TurnLimits;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tool calls of one trace export as the {@code tools[]} of the model calls that asked for them. An
 * {@code execute_tool} span (OpenTelemetry GenAI conventions) belongs to one model-call span of the same export:
 * <ol>
 *   <li>its parent, when the parent is a model call (the tool ran inside the chat span);</li>
 *   <li>else the model call with the same trace and the same parent (its sibling, e.g. under an {@code invoke_agent}
 *       span) that ended last at or before the tool started: the call whose answer asked for the tool. Ties go to
 *       the later start, then to the higher span id.</li>
 * </ol>
 * A model call is a turn span ({@link SpanMapper#isTurn}) whose {@code gen_ai.operation.name} is {@code chat},
 * {@code generate_content}, {@code text_completion} or absent; embeddings never ask for tools.
 *
 * <p>A turn gets one entry per tool name, in the order of first call: {@code name} = {@code gen_ai.tool.name},
 * {@code calls} = its spans, {@code duration_ms} = the sum of their durations (absent when one span's is unknown).
 * Failed calls (span status ERROR) are calls all the same; the turn event has no field for a tool's outcome, its call
 * id or its type. A tool span is never given to the next model call (that call did not call it; {@code tools[]} are
 * the tools a turn called) and never dropped silently: one that belongs to no model call of the export, has no tool
 * name, or would break the turn event's limits ({@link TurnLimits#MAX_TOOLS} names, {@link TurnLimits#MAX_TOOL_CALLS}
 * calls of one) is counted as ignored with its reason.
 *
 * <p>The result depends only on which spans the export holds, never on their order in it, so an exporter's retry of
 * the same batch yields equal turns (the dedupe downstream sees the same event id with the same content).
 */
final class ToolSpans {

    /** The {@code gen_ai.operation.name} of a tool span. */
    static final String OPERATION = "execute_tool";
    static final String NO_TOOL_NAME = "execute_tool:no_tool_name";
    static final String NO_MODEL_CALL = "execute_tool:no_model_call_in_export";
    static final String OVER_LIMITS = "execute_tool:over_turn_tool_limits";

    private static final Set<String> MODEL_CALLS = Set.of("chat", "generate_content", "text_completion");
    private static final Comparator<ByteString> BYTES = ByteString.unsignedLexicographicalComparator();
    /** The order tool spans are taken in, whatever order the export sent them in. */
    private static final Comparator<Span> BY_START = Comparator.comparingLong(Span::getStartTimeUnixNano)
            .thenComparing(Span::getTraceId, BYTES)
            .thenComparing(Span::getSpanId, BYTES);
    /** Of two model calls before a tool, the greater asked for it. */
    private static final Comparator<Span> BY_END = Comparator.comparingLong(Span::getEndTimeUnixNano)
            .thenComparingLong(Span::getStartTimeUnixNano)
            .thenComparing(Span::getSpanId, BYTES);

    private ToolSpans() {
    }

    /**
     * What the tool spans add to a turn.
     *
     * @param tools the turn's {@code tools[]}
     * @param spans how many tool spans it was made of
     */
    record Calls(ArrayNode tools, int spans) {
    }

    /**
     * The calls of each turn that called a tool, by the turn's index in {@code turns} (the export's turn spans);
     * tool spans that belong to no turn are added to {@code ignored}.
     */
    static Map<Integer, Calls> attribute(List<Span> turns, List<Span> tools, IgnoredItems ignored) {
        ModelCalls modelCalls = new ModelCalls(turns);
        Map<Integer, Map<String, Tool>> byTurn = new HashMap<>();
        for (Span span : tools.stream().sorted(BY_START).toList()) {
            Optional<String> name = toolName(span);
            if (name.isEmpty()) {
                ignored.add(NO_TOOL_NAME, 1);
                continue;
            }
            Optional<Integer> turn = modelCalls.caller(span);
            if (turn.isEmpty()) {
                ignored.add(NO_MODEL_CALL, 1);
                continue;
            }
            Map<String, Tool> entries = byTurn.computeIfAbsent(turn.get(), t -> new LinkedHashMap<>());
            Tool tool = entries.get(name.get());
            if (tool == null ? entries.size() >= TurnLimits.MAX_TOOLS : tool.calls >= TurnLimits.MAX_TOOL_CALLS) {
                ignored.add(OVER_LIMITS, 1);
                continue;
            }
            entries.computeIfAbsent(name.get(), n -> new Tool()).add(span);
        }
        Map<Integer, Calls> calls = new HashMap<>();
        byTurn.forEach((turn, entries) -> {
            ArrayNode array = OtlpValues.NODES.arrayNode();
            entries.forEach((name, tool) -> array.add(tool.toEntry(name)));
            calls.put(turn, new Calls(array, entries.values().stream().mapToInt(tool -> tool.calls).sum()));
        });
        return calls;
    }

    /** Why a tool span was ignored, for the export's answer; empty for reasons that are not a tool span's. */
    static String why(String reason) {
        return switch (reason) {
            case NO_TOOL_NAME -> "no gen_ai.tool.name";
            case NO_MODEL_CALL -> "no model call in this export is its parent or a sibling that ended before it"
                    + " started";
            case OVER_LIMITS -> "its turn already has " + TurnLimits.MAX_TOOLS + " tools or "
                    + TurnLimits.MAX_TOOL_CALLS + " calls of this one";
            default -> "";
        };
    }

    private static Optional<String> toolName(Span span) {
        for (KeyValue attribute : span.getAttributesList()) {
            if (attribute.getKey().equals("gen_ai.tool.name")) {
                return OtlpValues.text(attribute.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean isModelCall(Span turn) {
        for (KeyValue attribute : turn.getAttributesList()) {
            if (attribute.getKey().equals("gen_ai.operation.name")) {
                return MODEL_CALLS.contains(attribute.getValue().getStringValue());
            }
        }
        return true;
    }

    /** A span's place in its trace. */
    private record SpanKey(ByteString traceId, ByteString spanId) {
    }

    /** The export's model calls, found by span id and by parent. */
    private static final class ModelCalls {

        private final List<Span> turns;
        private final Map<SpanKey, Integer> bySpan = new HashMap<>();
        private final Map<SpanKey, List<Integer>> byParent = new HashMap<>();

        ModelCalls(List<Span> turns) {
            this.turns = turns;
            for (int i = 0; i < turns.size(); i++) {
                Span turn = turns.get(i);
                if (isModelCall(turn)) {
                    bySpan.putIfAbsent(new SpanKey(turn.getTraceId(), turn.getSpanId()), i);
                    byParent.computeIfAbsent(new SpanKey(turn.getTraceId(), turn.getParentSpanId()),
                            key -> new ArrayList<>()).add(i);
                }
            }
        }

        /** The index of the model call that asked for the tool, see the class comment. */
        Optional<Integer> caller(Span tool) {
            SpanKey parent = new SpanKey(tool.getTraceId(), tool.getParentSpanId());
            Integer enclosing = tool.getParentSpanId().isEmpty() ? null : bySpan.get(parent);
            if (enclosing != null) {
                return Optional.of(enclosing);
            }
            long started = tool.getStartTimeUnixNano();
            return byParent.getOrDefault(parent, List.of()).stream()
                    .filter(i -> {
                        long ended = turns.get(i).getEndTimeUnixNano();
                        return started != 0 && ended != 0 && ended <= started;
                    })
                    .max(Comparator.comparing(turns::get, BY_END));
        }
    }

    /** The calls of one tool in one turn. */
    private static final class Tool {

        private int calls;
        private long nanos;
        private boolean durationKnown = true;

        void add(Span span) {
            calls++;
            long start = span.getStartTimeUnixNano();
            long end = span.getEndTimeUnixNano();
            if (start == 0 || end == 0 || end < start) {
                durationKnown = false;
            } else {
                long sum = nanos + (end - start);
                nanos = sum < 0 ? Long.MAX_VALUE : sum; // saturates; the validator rejects it as above its limit
            }
        }

        ObjectNode toEntry(String name) {
            ObjectNode entry = OtlpValues.NODES.objectNode();
            entry.put("name", name);
            entry.put("calls", calls);
            if (durationKnown) {
                entry.put("duration_ms", nanos / 1_000_000L);
            }
            return entry;
        }
    }
}
