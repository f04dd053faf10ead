package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.validation.TurnLimits;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpanMapperTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";
    private static final long START = 1_748_779_200_000_000_000L; // 2025-06-01T12:00:00Z
    private static final long END = START + 1_234_567_890L;

    private static Span.Builder span() {
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE)))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(SPAN)))
                .setName("chat")
                .setStartTimeUnixNano(START)
                .setEndTimeUnixNano(END);
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static KeyValue decimal(String key, double value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
    }

    @Test
    void shouldMapEveryGenAiAttribute() {
        ObjectNode event = SpanMapper.toEvent(span()
                .addAttributes(text("gen_ai.request.model", "gpt-4o"))
                .addAttributes(text("gen_ai.response.model", "gpt-4o-2024-08-06"))
                .addAttributes(text("gen_ai.provider.name", "openai"))
                .addAttributes(text("gen_ai.conversation.id", "conv-9"))
                .addAttributes(text("gen_ai.agent.name", "writer"))
                .addAttributes(text("user.id", "u-1"))
                .addAttributes(integer("gen_ai.usage.input_tokens", 1000))
                .addAttributes(integer("gen_ai.usage.output_tokens", 300))
                .addAttributes(integer("gen_ai.usage.cache_read.input_tokens", 700))
                .addAttributes(integer("gen_ai.usage.cache_creation.input_tokens", 200))
                .addAttributes(integer("gen_ai.usage.reasoning.output_tokens", 100))
                .addAttributes(decimal("gen_ai.request.temperature", 0.7))
                .addAttributes(integer("gen_ai.request.max_tokens", 4096))
                .build());
        assertThat(event.toString()).isEqualTo("{\"schema_version\":1,"
                + "\"event_id\":\"" + TRACE + "-" + SPAN + "\","
                + "\"occurred_at\":\"2025-06-01T12:00:01.234567890Z\","
                + "\"session_id\":\"conv-9\",\"model\":\"gpt-4o-2024-08-06\",\"provider\":\"openai\","
                + "\"agent\":\"writer\",\"user_id\":\"u-1\",\"conversation_id\":\"conv-9\","
                + "\"started_at\":\"2025-06-01T12:00:00Z\",\"duration_ms\":1234,\"status\":\"ok\","
                + "\"usage\":{\"input_tokens\":1000,\"output_tokens\":300,\"cache_read_tokens\":700,"
                + "\"cache_write_tokens\":200,\"reasoning_tokens\":100},"
                + "\"params\":{\"max_tokens\":4096,\"temperature\":0.7}}");
    }

    @Test
    void shouldFallBackToTheRequestModelTheTraceAsSessionAndTheOlderSystemAttribute() {
        ObjectNode event = SpanMapper.toEvent(span()
                .addAttributes(text("gen_ai.request.model", "claude"))
                .addAttributes(text("gen_ai.system", "anthropic"))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .addAttributes(text("error.type", "timeout"))
                .build());
        assertThat(event.get("model").textValue()).isEqualTo("claude");
        assertThat(event.get("provider").textValue()).isEqualTo("anthropic");
        assertThat(event.get("session_id").textValue()).isEqualTo(TRACE);
        assertThat(event.has("conversation_id")).isFalse();
        assertThat(event.get("status").textValue()).isEqualTo("error");
        assertThat(event.get("error_type").textValue()).isEqualTo("timeout");
        assertThat(event.has("usage")).isFalse();
    }

    @Test
    void shouldReadTokenCountsSentAsWholeDoublesOrDigitStringsAndKeepOthersForTheValidator() {
        ObjectNode event = SpanMapper.toEvent(span()
                .addAttributes(text("gen_ai.request.model", "m"))
                .addAttributes(decimal("gen_ai.usage.input_tokens", 12.0))
                .addAttributes(text("gen_ai.usage.output_tokens", "34"))
                .addAttributes(decimal("gen_ai.usage.reasoning.output_tokens", 1.5))
                .build());
        assertThat(event.get("usage").get("input_tokens").isIntegralNumber()).isTrue();
        assertThat(event.get("usage").get("input_tokens").longValue()).isEqualTo(12);
        assertThat(event.get("usage").get("output_tokens").longValue()).isEqualTo(34);
        assertThat(event.get("usage").get("reasoning_tokens").doubleValue()).isEqualTo(1.5);
    }

    @Test
    void shouldLeaveOutTimesThatWereNotSet() {
        ObjectNode event = SpanMapper.toEvent(span().setStartTimeUnixNano(0).setEndTimeUnixNano(0)
                .addAttributes(text("gen_ai.request.model", "m")).build());
        assertThat(event.has("occurred_at")).isFalse();
        assertThat(event.has("started_at")).isFalse();
        assertThat(event.has("duration_ms")).isFalse();
    }

    @Test
    void shouldTakeOnlyModelCallsAsTurns() {
        assertThat(SpanMapper.isTurn(span().addAttributes(text("gen_ai.request.model", "m")).build())).isTrue();
        assertThat(SpanMapper.isTurn(span().addAttributes(integer("gen_ai.usage.input_tokens", 1)).build())).isTrue();
        assertThat(SpanMapper.isTurn(span().addAttributes(text("http.route", "/")).build())).isFalse();
        assertThat(SpanMapper.isTurn(span().addAttributes(text("gen_ai.operation.name", "invoke_agent"))
                .addAttributes(integer("gen_ai.usage.input_tokens", 1)).build())).isFalse();
        assertThat(SpanMapper.isTurn(span().addAttributes(text("gen_ai.operation.name", "execute_tool")).build()))
                .isFalse();
    }

    // execute_tool spans: the tools[] of the model call that asked for them (ToolSpans)

    private static final String AGENT = "00000000000000a1";
    private static final long MS = 1_000_000L;

    /** A span of TRACE under {@code parent} (none when null), from {@code startMs} to {@code endMs} after START. */
    private static Span.Builder timed(String spanId, String parent, long startMs, long endMs) {
        Span.Builder span = span().setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
                .setStartTimeUnixNano(START + startMs * MS).setEndTimeUnixNano(START + endMs * MS);
        if (parent != null) {
            span.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parent)));
        }
        return span;
    }

    private static Span agent() {
        return timed(AGENT, null, 0, 60_000).setName("invoke_agent coder")
                .addAttributes(text("gen_ai.operation.name", "invoke_agent")).build();
    }

    private static Span chat(String spanId, String parent, long startMs, long endMs) {
        return timed(spanId, parent, startMs, endMs).setName("chat gpt-4o")
                .addAttributes(text("gen_ai.operation.name", "chat"))
                .addAttributes(text("gen_ai.request.model", "gpt-4o"))
                .addAttributes(integer("gen_ai.usage.input_tokens", 100))
                .addAttributes(integer("gen_ai.usage.output_tokens", 10)).build();
    }

    private static Span.Builder tool(String spanId, String parent, String name, long startMs, long endMs) {
        return timed(spanId, parent, startMs, endMs).setName("execute_tool " + name)
                .addAttributes(text("gen_ai.operation.name", "execute_tool"))
                .addAttributes(text("gen_ai.tool.name", name))
                .addAttributes(text("gen_ai.tool.call.id", "call_" + spanId))
                .addAttributes(text("gen_ai.tool.type", "function"));
    }

    private static ExportTraceServiceRequest export(List<Span> spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))).build();
    }

    private static ExportTraceServiceRequest export(Span... spans) {
        return export(Arrays.asList(spans));
    }

    /** The turns of an export by span id. */
    private static Map<String, ObjectNode> turns(SpanMapper.Mapped mapped) {
        return mapped.turns().stream().collect(Collectors.toMap(
                turn -> turn.get("event_id").textValue().substring(TRACE.length() + 1), Function.identity()));
    }

    /** The JSON compacted, to compare with a tree's {@code toString()} (trees compare number types too). */
    private static String json(String json) throws IOException {
        return Json.mapper().readTree(json).toString();
    }

    @Test
    void shouldPutAToolSpanAfterAChatSpanIntoThatChatsTools() throws IOException {
        SpanMapper.Mapped mapped = SpanMapper.map(export(agent(),
                chat("00000000000000c1", AGENT, 0, 1_000),
                tool("00000000000000d1", AGENT, "bash", 1_000, 1_500).build()));

        assertThat(mapped.turns()).hasSize(1);
        ObjectNode turn = mapped.turns().get(0);
        assertThat(turn.get("tools").toString()).isEqualTo(json("""
                [{"name": "bash", "calls": 1, "duration_ms": 500}]"""));
        assertThat(mapped.toolSpans()).containsExactly(1);
        assertThat(mapped.ignored().byReason()).containsExactly(Map.entry("invoke_agent", 1L));
        var read = new TurnEventReader().read(turn);
        assertThat(read.isValid()).as(read.toString()).isTrue();
        assertThat(read.orElseThrow().tools()).hasSize(1);
    }

    @Test
    void shouldGiveEachToolSpanToTheLatestChatSpanThatEndedBeforeItStarted() throws IOException {
        SpanMapper.Mapped mapped = SpanMapper.map(export(agent(),
                chat("00000000000000c1", AGENT, 0, 1_000),
                tool("00000000000000d1", AGENT, "read_file", 1_000, 1_200).build(),
                tool("00000000000000d2", AGENT, "grep", 1_000, 1_300).build(),   // parallel calls of one answer
                tool("00000000000000d3", AGENT, "read_file", 1_300, 1_400).build(),
                chat("00000000000000c2", AGENT, 1_500, 3_000),
                tool("00000000000000d4", AGENT, "bash", 3_000, 5_000)
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                        .addAttributes(text("error.type", "exit_code_1")).build(),
                chat("00000000000000c3", AGENT, 5_000, 6_000)));

        Map<String, ObjectNode> turns = turns(mapped);
        assertThat(turns.get("00000000000000c1").get("tools").toString()).isEqualTo(json("""
                [{"name": "read_file", "calls": 2, "duration_ms": 300},
                 {"name": "grep", "calls": 1, "duration_ms": 300}]"""));
        assertThat(turns.get("00000000000000c2").get("tools").toString()).isEqualTo(json("""
                [{"name": "bash", "calls": 1, "duration_ms": 2000}]"""));
        assertThat(turns.get("00000000000000c2").get("status").textValue()).as("a failed tool is not a failed turn")
                .isEqualTo("ok");
        assertThat(turns.get("00000000000000c3").has("tools")).as("no tool spans: not reported, not []").isFalse();
        assertThat(mapped.toolSpans()).containsExactly(3, 1, 0);
        assertThat(mapped.ignored().total()).isEqualTo(1);
    }

    @Test
    void shouldGiveAToolSpanToItsParentWhenThatIsTheChatSpan() throws IOException {
        SpanMapper.Mapped mapped = SpanMapper.map(export(
                chat("00000000000000c1", null, 0, 1_000),
                chat("00000000000000c2", null, 2_000, 5_000),
                tool("00000000000000d1", "00000000000000c2", "search", 2_500, 3_000).build()));

        Map<String, ObjectNode> turns = turns(mapped);
        assertThat(turns.get("00000000000000c1").has("tools")).isFalse();
        assertThat(turns.get("00000000000000c2").get("tools").toString()).isEqualTo(json("""
                [{"name": "search", "calls": 1, "duration_ms": 500}]"""));
    }

    @Test
    void shouldCountToolSpansOfNoChatSpanInTheExportAsIgnoredWithTheirReason() {
        String otherTrace = "1af7651916cd43dd8448eb211c80319c";
        SpanMapper.Mapped mapped = SpanMapper.map(export(agent(),
                tool("00000000000000d0", AGENT, "bash", 0, 100).build(),               // before any chat
                chat("00000000000000c1", AGENT, 200, 1_000),
                tool("00000000000000d1", AGENT, "bash", 900, 1_100).build(),           // started before it ended
                tool("00000000000000d2", "00000000000000a2", "bash", 1_000, 1_100).build(),   // another parent
                tool("00000000000000d3", AGENT, "bash", 1_000, 1_100)                  // another trace
                        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(otherTrace))).build(),
                tool("00000000000000d4", AGENT, "bash", 1_000, 1_100).clearAttributes()
                        .addAttributes(text("gen_ai.operation.name", "execute_tool")).build(),
                timed("00000000000000e1", "00000000000000a3", 2_000, 2_100)
                        .addAttributes(text("gen_ai.operation.name", "embeddings"))
                        .addAttributes(text("gen_ai.request.model", "text-embedding-3-small")).build(),
                tool("00000000000000d5", "00000000000000a3", "bash", 2_100, 2_200).build(), // embeddings ask for none
                timed("00000000000000f1", AGENT, 0, 10).addAttributes(text("http.route", "/")).build()));

        assertThat(mapped.turns()).hasSize(2);
        assertThat(mapped.turns()).allSatisfy(turn -> assertThat(turn.has("tools")).isFalse());
        assertThat(mapped.ignored().byReason()).containsExactly(
                Map.entry("invoke_agent", 1L),
                Map.entry(SpanMapper.NOT_GENAI, 1L),
                Map.entry(ToolSpans.NO_MODEL_CALL, 5L),
                Map.entry(ToolSpans.NO_TOOL_NAME, 1L));
        assertThat(mapped.ignored().describe(ToolSpans::why)).contains("5 execute_tool:no_model_call_in_export"
                + " (no model call in this export is its parent or a sibling that ended before it started)");
    }

    @Test
    void shouldMapARetriedBatchToTheSameTurnsWhateverTheOrderOfItsSpans() {
        List<Span> spans = new ArrayList<>(List.of(agent(),
                chat("00000000000000c1", AGENT, 0, 1_000),
                chat("00000000000000c2", AGENT, 0, 1_000),                         // same times: the higher span id
                tool("00000000000000d1", AGENT, "bash", 1_000, 1_250).build(),
                tool("00000000000000d2", AGENT, "grep", 1_000, 1_250).build(),
                tool("00000000000000d3", AGENT, "bash", 1_100, 1_350).build(),
                chat("00000000000000c3", AGENT, 1_500, 3_000),
                tool("00000000000000d4", AGENT, "edit", 3_000, 3_001).build()));
        SpanMapper.Mapped first = SpanMapper.map(export(spans));
        SpanMapper.Mapped retry = SpanMapper.map(export(spans));
        Collections.shuffle(spans, new Random(7));
        SpanMapper.Mapped reordered = SpanMapper.map(export(spans));

        assertThat(retry.turns()).isEqualTo(first.turns());
        assertThat(turns(reordered)).isEqualTo(turns(first));
        Map<String, ObjectNode> turns = turns(first);
        assertThat(turns.get("00000000000000c1").has("tools")).isFalse();
        assertThat(turns.get("00000000000000c2").get("tools").toString()).isEqualTo("[{\"name\":\"bash\",\"calls\":2,"
                + "\"duration_ms\":500},{\"name\":\"grep\",\"calls\":1,\"duration_ms\":250}]");
        assertThat(turns.get("00000000000000c3").get("tools").toString())
                .isEqualTo("[{\"name\":\"edit\",\"calls\":1,\"duration_ms\":1}]");
    }

    @Test
    void shouldLeaveOutTheDurationOfAToolWhenOneOfItsCallsHasNone() throws IOException {
        SpanMapper.Mapped mapped = SpanMapper.map(export(
                chat("00000000000000c1", null, 0, 1_000),
                tool("00000000000000d1", "00000000000000c1", "bash", 100, 200).build(),
                tool("00000000000000d2", "00000000000000c1", "bash", 300, 200).build(),   // ends before it starts
                tool("00000000000000d3", "00000000000000c1", "grep", 300, 400).setEndTimeUnixNano(0).build()));

        assertThat(mapped.turns().get(0).get("tools").toString()).isEqualTo(json("""
                [{"name": "bash", "calls": 2}, {"name": "grep", "calls": 1}]"""));
    }

    @Test
    void shouldKeepTheToolsOfATurnWithinTheTurnEventsLimitsAndCountTheRestAsIgnored() {
        List<Span> spans = new ArrayList<>(List.of(chat("00000000000000c1", AGENT, 0, 1_000)));
        for (int i = 0; i <= TurnLimits.MAX_TOOLS; i++) {
            spans.add(tool(String.format("%016x", 0xd000 + i), AGENT, "tool_" + i, 1_000 + i, 1_001 + i).build());
        }
        SpanMapper.Mapped mapped = SpanMapper.map(export(spans));

        ObjectNode turn = mapped.turns().get(0);
        assertThat(turn.get("tools")).hasSize(TurnLimits.MAX_TOOLS);
        assertThat(turn.get("tools").get(0).get("name").textValue()).isEqualTo("tool_0");
        assertThat(mapped.ignored().byReason()).containsExactly(Map.entry(ToolSpans.OVER_LIMITS, 1L));
        assertThat(new TurnEventReader().read(turn).isValid()).isTrue();
    }

    @Test
    void shouldIgnoreTheSpansOfTheAgentClisWhoseLogEventsCountEachCallAlready() {
        // Gemini CLI 0.61.0's llm_call span as it sends it beside its gemini_cli.api_response event.
        Span geminiCall = span().setName("llm_call").addAttributes(text("gen_ai.operation.name", "llm_call"))
                .addAttributes(text("gen_ai.agent.name", "gemini-cli"))
                .addAttributes(text("gen_ai.request.model", "gemini-2.5-flash")).build();
        Span usage = span().addAttributes(text("gen_ai.request.model", "gpt-5"))
                .addAttributes(integer("gen_ai.usage.input_tokens", 10)).build();
        assertThat(SpanMapper.map(export(geminiCall)).turns()).isEmpty();
        assertThat(SpanMapper.map(export(geminiCall)).ignored().byReason())
                .containsExactly(Map.entry("gemini-cli_span:counted_from_its_log_events", 1L));

        for (String tracer : List.of("com.anthropic.claude_code.tracing", "codex_otel", "gemini-cli")) {
            ExportTraceServiceRequest fromCli = ExportTraceServiceRequest.newBuilder().addResourceSpans(
                    ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                            .setScope(io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder()
                                    .setName(tracer)).addSpans(usage))).build();
            assertThat(SpanMapper.map(fromCli).turns()).as(tracer).isEmpty();
        }
        ExportTraceServiceRequest codexService = ExportTraceServiceRequest.newBuilder().addResourceSpans(
                ResourceSpans.newBuilder().setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(text("service.name", "codex_exec")))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(usage))).build();
        assertThat(SpanMapper.map(codexService).ignored().byReason())
                .containsExactly(Map.entry("codex_span:counted_from_its_log_events", 1L));
        // An app's own span (any other tracer, agent or service) is a turn as before.
        assertThat(SpanMapper.map(export(usage)).turns()).hasSize(1);
    }

    @Test
    void shouldReadTheUsageNamesOfOlderGenAiConventionsWhenTheNewOnesAreAbsent() {
        ObjectNode legacy = SpanMapper.toEvent(span().addAttributes(text("gen_ai.request.model", "gpt-4o"))
                .addAttributes(integer("gen_ai.usage.prompt_tokens", 120))
                .addAttributes(integer("gen_ai.usage.completion_tokens", 30)).build());
        assertThat(legacy.get("usage").toString()).isEqualTo("{\"input_tokens\":120,\"output_tokens\":30}");
        ObjectNode both = SpanMapper.toEvent(span().addAttributes(text("gen_ai.request.model", "gpt-4o"))
                .addAttributes(integer("gen_ai.usage.input_tokens", 125))
                .addAttributes(integer("gen_ai.usage.prompt_tokens", 120)).build());
        assertThat(both.get("usage").get("input_tokens").asLong()).as("the newer name wins").isEqualTo(125);
    }
}
