package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one OTLP span carrying OpenTelemetry GenAI attributes into a turn event (as a JSON tree, so it is judged by the
 * same validator as events sent as JSON). A span is a model turn when it names a model
 * ({@code gen_ai.request.model} / {@code gen_ai.response.model}) or reports usage ({@code gen_ai.usage.*}), unless its
 * {@code gen_ai.operation.name} says it is an agent or tool span ({@link #NOT_TURNS}), whose usage, where present,
 * repeats that of the model calls inside it. Tool spans ({@code execute_tool}) become the {@code tools[]} of the
 * model call that asked for them ({@link ToolSpans}). Every other span is not a turn and is ignored, counted by
 * reason: its operation ({@code invoke_agent}, {@code create_agent}) or {@link #NOT_GENAI}. Spans of the coding
 * agents' CLIs are never turns ({@link AgentCli#ofSpan}): their log events count each model call already.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><td>event_id</td><td>trace id + "-" + span id (hex)</td></tr>
 *   <tr><td>occurred_at / started_at / duration_ms</td><td>end time / start time / end - start</td></tr>
 *   <tr><td>session_id</td><td>gen_ai.conversation.id, else the trace id (also conversation_id when set)</td></tr>
 *   <tr><td>model</td><td>gen_ai.response.model, else gen_ai.request.model</td></tr>
 *   <tr><td>provider</td><td>gen_ai.provider.name, else the older gen_ai.system</td></tr>
 *   <tr><td>agent</td><td>gen_ai.agent.name</td></tr>
 *   <tr><td>user_id</td><td>user.id, else enduser.id</td></tr>
 *   <tr><td>status / error_type</td><td>span status ERROR → error / error.type</td></tr>
 *   <tr><td>usage.*</td><td>gen_ai.usage.input_tokens, output_tokens, cache_read.input_tokens,
 *       cache_creation.input_tokens (→ cache_write_tokens), reasoning.output_tokens; the older prompt_tokens and
 *       completion_tokens when the newer names are absent</td></tr>
 *   <tr><td>tools</td><td>the execute_tool spans the model call asked for, one entry per gen_ai.tool.name
 *       ({@link ToolSpans}); absent when the export holds none</td></tr>
 *   <tr><td>params</td><td>the other gen_ai.request.* attributes (temperature, max_tokens, top_p ...)</td></tr>
 * </table>
 */
public final class SpanMapper {

    /** gen_ai.operation.name values of spans that are not model turns. */
    public static final Set<String> NOT_TURNS = Set.of("invoke_agent", "create_agent", ToolSpans.OPERATION);
    /** The reason an ignored span is counted under when it names no model and reports no usage. */
    static final String NOT_GENAI = "no_genai_model_or_usage";

    private static final JsonNodeFactory NODES = OtlpValues.NODES;
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, String> USAGE = Map.of(
            "gen_ai.usage.input_tokens", "input_tokens",
            "gen_ai.usage.output_tokens", "output_tokens",
            "gen_ai.usage.cache_read.input_tokens", "cache_read_tokens",
            "gen_ai.usage.cache_creation.input_tokens", "cache_write_tokens",
            "gen_ai.usage.reasoning.output_tokens", "reasoning_tokens");
    private static final List<String> USAGE_ORDER = List.of("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
            "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_creation.input_tokens",
            "gen_ai.usage.reasoning.output_tokens");
    /** Per turn event field, the attribute older GenAI conventions gave it. */
    private static final Map<String, String> LEGACY_USAGE = Map.of(
            "input_tokens", "gen_ai.usage.prompt_tokens",
            "output_tokens", "gen_ai.usage.completion_tokens");
    private static final String REQUEST_PREFIX = "gen_ai.request.";

    private SpanMapper() {
    }

    /**
     * The spans of one export: the turn events of its model calls in the order sent, each with the tools it called
     * ({@link ToolSpans}); the other spans counted as ignored by reason.
     */
    public static Mapped map(ExportTraceServiceRequest request) {
        List<Span> turnSpans = new ArrayList<>();
        List<Span> toolSpans = new ArrayList<>();
        IgnoredItems ignored = new IgnoredItems();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Optional<String> service = OtlpValues.text(OtlpValues.byKey(resourceSpans.getResource().getAttributesList()),
                    "service.name");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                String tracer = scopeSpans.getScope().getName();
                for (Span span : scopeSpans.getSpansList()) {
                    String operation = operation(span);
                    Optional<AgentCli> cli = AgentCli.ofSpan(tracer, OtlpValues.text(
                            OtlpValues.byKey(span.getAttributesList()), "gen_ai.agent.name"), service);
                    if (cli.isPresent()) {
                        ignored.add(cli.get().spanIgnoredReason(), 1);
                    } else if (ToolSpans.OPERATION.equals(operation)) {
                        toolSpans.add(span);
                    } else if (isTurn(span)) {
                        turnSpans.add(span);
                    } else {
                        ignored.add(NOT_TURNS.contains(operation) ? operation : NOT_GENAI, 1);
                    }
                }
            }
        }
        Map<Integer, ToolSpans.Calls> calls = ToolSpans.attribute(turnSpans, toolSpans, ignored);
        List<ObjectNode> turns = new ArrayList<>(turnSpans.size());
        List<Integer> toolCounts = new ArrayList<>(turnSpans.size());
        for (int i = 0; i < turnSpans.size(); i++) {
            ToolSpans.Calls turnCalls = calls.get(i);
            turns.add(toEvent(turnSpans.get(i), turnCalls == null ? null : turnCalls.tools()));
            toolCounts.add(turnCalls == null ? 0 : turnCalls.spans());
        }
        return new Mapped(turns, turnSpans, toolCounts, ignored);
    }

    /**
     * What one export holds.
     *
     * @param turns     turn events, to be validated and published
     * @param turnSpans the span of each turn, for messages
     * @param toolSpans how many tool spans each turn's {@code tools[]} was made of (rejected with it, if it is)
     * @param ignored   the other spans, counted by reason
     */
    public record Mapped(List<ObjectNode> turns, List<Span> turnSpans, List<Integer> toolSpans,
                         IgnoredItems ignored) {
    }

    /** Whether the span is a model turn. */
    public static boolean isTurn(Span span) {
        boolean modelOrUsage = false;
        for (KeyValue attribute : span.getAttributesList()) {
            String key = attribute.getKey();
            if ("gen_ai.operation.name".equals(key) && NOT_TURNS.contains(attribute.getValue().getStringValue())) {
                return false;
            }
            if (key.equals("gen_ai.request.model") || key.equals("gen_ai.response.model")
                    || key.startsWith("gen_ai.usage.")) {
                modelOrUsage = true;
            }
        }
        return modelOrUsage;
    }

    /** The span's {@code gen_ai.operation.name}, empty when it has none. */
    private static String operation(Span span) {
        for (KeyValue attribute : span.getAttributesList()) {
            if (attribute.getKey().equals("gen_ai.operation.name")) {
                return attribute.getValue().getStringValue();
            }
        }
        return "";
    }

    /** The id a span's event gets: trace id and span id in hex. */
    public static String eventId(Span span) {
        return HEX.formatHex(span.getTraceId().toByteArray()) + "-" + HEX.formatHex(span.getSpanId().toByteArray());
    }

    /** The turn event of a span for which {@link #isTurn} holds; values are copied as sent, the validator judges them. */
    public static ObjectNode toEvent(Span span) {
        return toEvent(span, null);
    }

    /** As {@link #toEvent(Span)}, with the turn's {@code tools[]} (null when the export holds no tool span of it). */
    static ObjectNode toEvent(Span span, ArrayNode tools) {
        Map<String, AnyValue> attributes = OtlpValues.byKey(span.getAttributesList());
        ObjectNode event = NODES.objectNode();
        event.put("schema_version", 1);
        event.put("event_id", eventId(span));
        if (span.getEndTimeUnixNano() != 0) {
            event.put("occurred_at", OtlpValues.time(span.getEndTimeUnixNano()));
        }
        Optional<String> conversation = OtlpValues.text(attributes, "gen_ai.conversation.id");
        event.put("session_id", conversation.orElse(HEX.formatHex(span.getTraceId().toByteArray())));
        OtlpValues.text(attributes, "gen_ai.response.model").or(() -> OtlpValues.text(attributes, "gen_ai.request.model"))
                .ifPresent(model -> event.put("model", model));
        OtlpValues.text(attributes, "gen_ai.provider.name").or(() -> OtlpValues.text(attributes, "gen_ai.system"))
                .ifPresent(provider -> event.put("provider", provider));
        OtlpValues.text(attributes, "gen_ai.agent.name").ifPresent(agent -> event.put("agent", agent));
        OtlpValues.text(attributes, "user.id").or(() -> OtlpValues.text(attributes, "enduser.id"))
                .ifPresent(user -> event.put("user_id", user));
        conversation.ifPresent(id -> event.put("conversation_id", id));
        if (span.getStartTimeUnixNano() != 0) {
            event.put("started_at", OtlpValues.time(span.getStartTimeUnixNano()));
            if (span.getEndTimeUnixNano() >= span.getStartTimeUnixNano()) {
                event.put("duration_ms", (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000L);
            }
        }
        boolean error = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
        event.put("status", error ? "error" : "ok");
        if (error) {
            OtlpValues.text(attributes, "error.type").ifPresent(type -> event.put("error_type", type));
        }
        ObjectNode usage = NODES.objectNode();
        for (String attribute : USAGE_ORDER) {
            String field = USAGE.get(attribute);
            AnyValue value = attributes.get(attribute);
            if (value == null && LEGACY_USAGE.containsKey(field)) {
                // The name GenAI conventions before 1.27 used, which instrumentations such as OpenLLMetry still write.
                value = attributes.get(LEGACY_USAGE.get(field));
            }
            if (value != null) {
                usage.set(field, OtlpValues.count(value));
            }
        }
        if (!usage.isEmpty()) {
            event.set("usage", usage);
        }
        if (tools != null) {
            event.set("tools", tools);
        }
        ObjectNode params = NODES.objectNode();
        attributes.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(REQUEST_PREFIX) && !entry.getKey().equals("gen_ai.request.model"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> {
                    JsonNode value = OtlpValues.scalar(entry.getValue());
                    if (value != null) {
                        params.set(entry.getKey().substring(REQUEST_PREFIX.length()), value);
                    }
                });
        if (!params.isEmpty()) {
            event.set("params", params);
        }
        return event;
    }
}
