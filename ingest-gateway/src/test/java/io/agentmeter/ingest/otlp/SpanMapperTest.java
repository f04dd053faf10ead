package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
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
}
