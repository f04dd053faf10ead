package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import io.agentmeter.ingest.http.ApiException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpCodecTest {

    @Test
    void shouldReadOtlpJsonWithHexIdsAndSnakeOrCamelNames() {
        String json = """
                {"resource_spans": [{"scopeSpans": [{"spans": [{"traceId": "5b8efff798038103d269b633813fc60c",
                 "span_id": "eee19b7ec3c1b174", "parentSpanId": "", "name": "chat", "kind": "SPAN_KIND_CLIENT",
                 "endTimeUnixNano": 1700000000000000000, "unknownField": 1}]}]}]}""";
        ExportTraceServiceRequest request = OtlpCodec.readRequest(json.getBytes(StandardCharsets.UTF_8),
                OtlpEncoding.JSON);
        var span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray()))
                .isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(HexFormat.of().formatHex(span.getSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b174");
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    }

    @Test
    void shouldRejectIdsThatAreNotHexAndBodiesThatAreNotExports() {
        assertThatThrownBy(() -> OtlpCodec.readRequest("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"zz\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors().get(0).path())
                            .isEqualTo("$.resourceSpans[0].scopeSpans[0].spans[0].spanId");
                });
        assertThatThrownBy(() -> OtlpCodec.readRequest("[]".getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> OtlpCodec.readRequest(new byte[] {8, (byte) 0xff}, OtlpEncoding.PROTOBUF))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void shouldWritePartialSuccessOnlyWhenThereIsSomethingToSay() throws Exception {
        assertThat(ExportTraceServiceResponse.parseFrom(OtlpCodec.writeResponse(0, "", OtlpEncoding.PROTOBUF))
                .hasPartialSuccess()).isFalse();
        ExportTraceServiceResponse partial = ExportTraceServiceResponse.parseFrom(
                OtlpCodec.writeResponse(2, "2 rejected", OtlpEncoding.PROTOBUF));
        assertThat(partial.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(new String(OtlpCodec.writeResponse(0, "3 ignored", OtlpEncoding.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":0,\"errorMessage\":\"3 ignored\"}}");
        assertThat(new String(OtlpCodec.writeResponse(0, "", OtlpEncoding.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{}");
    }

    @Test
    void shouldNameTheRejectedCountOfEachSignalInItsAnswer() throws Exception {
        assertThat(ExportLogsServiceResponse.parseFrom(OtlpCodec.writeResponse(OtlpSignal.LOGS, 3, "why",
                OtlpEncoding.PROTOBUF)).getPartialSuccess().getRejectedLogRecords()).isEqualTo(3);
        assertThat(ExportMetricsServiceResponse.parseFrom(OtlpCodec.writeResponse(OtlpSignal.METRICS, 0, "ignored",
                OtlpEncoding.PROTOBUF)).getPartialSuccess().getErrorMessage()).isEqualTo("ignored");
        assertThat(new String(OtlpCodec.writeResponse(OtlpSignal.LOGS, 1, "x", OtlpEncoding.JSON),
                StandardCharsets.UTF_8)).isEqualTo("{\"partialSuccess\":{\"rejectedLogRecords\":1,\"errorMessage\":\"x\"}}");
        assertThat(new String(OtlpCodec.writeResponse(OtlpSignal.METRICS, 0, "y", OtlpEncoding.JSON),
                StandardCharsets.UTF_8)).isEqualTo("{\"partialSuccess\":{\"rejectedDataPoints\":0,\"errorMessage\":\"y\"}}");
        assertThat(OtlpCodec.writeResponse(OtlpSignal.LOGS, 0, "", OtlpEncoding.PROTOBUF)).isEmpty();
    }

    @Test
    void shouldReadLogsAndMetricsWithTheSameDecoderNamingTheMessageItExpected() {
        assertThatThrownBy(() -> OtlpCodec.readLogs(new byte[] {8, (byte) 0xff}, OtlpEncoding.PROTOBUF))
                .hasMessageContaining("is not an OTLP ExportLogsServiceRequest (protobuf)");
        assertThatThrownBy(() -> OtlpCodec.readMetrics("{\"resourceMetrics\": 7}".getBytes(StandardCharsets.UTF_8),
                OtlpEncoding.JSON)).hasMessageContaining("is not an OTLP ExportMetricsServiceRequest (JSON)");
        var logs = OtlpCodec.readLogs("""
                {"resourceLogs": [{"scopeLogs": [{"logRecords": [{"traceId": "5b8efff798038103d269b633813fc60c",
                 "spanId": "eee19b7ec3c1b174", "timeUnixNano": "1700000000000000000", "severityNumber": "SEVERITY_NUMBER_INFO"}]}]}]}"""
                .getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON);
        var record = logs.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(HexFormat.of().formatHex(record.getSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b174");
        assertThat(record.getTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    }

    @Test
    void shouldWriteErrorsAsGoogleRpcStatus() throws Exception {
        CodedInputStream in = CodedInputStream.newInstance(OtlpCodec.writeStatus(14, "down", OtlpEncoding.PROTOBUF));
        assertThat(in.readTag()).isEqualTo(8);
        assertThat(in.readInt32()).isEqualTo(14);
        assertThat(in.readTag()).isEqualTo(18);
        assertThat(in.readString()).isEqualTo("down");
        assertThat(new String(OtlpCodec.writeStatus(16, "no key", OtlpEncoding.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":16,\"message\":\"no key\",\"details\":[]}");
        assertThat(OtlpCodec.grpcCode(429)).isEqualTo(8);
        assertThat(OtlpCodec.grpcCode(503)).isEqualTo(14);
    }

    @Test
    void shouldChooseTheEncodingByContentType() {
        assertThat(OtlpEncoding.of("application/x-protobuf")).isEqualTo(OtlpEncoding.PROTOBUF);
        assertThat(OtlpEncoding.of("application/json; charset=utf-8")).isEqualTo(OtlpEncoding.JSON);
        assertThatThrownBy(() -> OtlpEncoding.of("text/plain")).isInstanceOf(ApiException.class);
    }
}
