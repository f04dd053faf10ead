package io.agentmeter.ingest.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.function.Supplier;

/**
 * The three OTLP signals and what differs between their exports: the request message, the name of the rejected count
 * in {@code partial_success}, and what one item is called in messages.
 */
public enum OtlpSignal {

    TRACES("traces", "ExportTraceServiceRequest", "span", "rejectedSpans", ExportTraceServiceRequest::newBuilder) {
        @Override
        byte[] partialSuccess(long rejected, String message) {
            ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
            response.getPartialSuccessBuilder().setRejectedSpans(rejected).setErrorMessage(message);
            return response.build().toByteArray();
        }
    },
    LOGS("logs", "ExportLogsServiceRequest", "log record", "rejectedLogRecords",
            ExportLogsServiceRequest::newBuilder) {
        @Override
        byte[] partialSuccess(long rejected, String message) {
            ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
            response.getPartialSuccessBuilder().setRejectedLogRecords(rejected).setErrorMessage(message);
            return response.build().toByteArray();
        }
    },
    METRICS("metrics", "ExportMetricsServiceRequest", "data point", "rejectedDataPoints",
            ExportMetricsServiceRequest::newBuilder) {
        @Override
        byte[] partialSuccess(long rejected, String message) {
            ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
            response.getPartialSuccessBuilder().setRejectedDataPoints(rejected).setErrorMessage(message);
            return response.build().toByteArray();
        }
    };

    private final String value;
    private final String requestName;
    private final String itemName;
    private final String rejectedField;
    private final Supplier<Message.Builder> newRequest;

    OtlpSignal(String value, String requestName, String itemName, String rejectedField,
               Supplier<Message.Builder> newRequest) {
        this.value = value;
        this.requestName = requestName;
        this.itemName = itemName;
        this.rejectedField = rejectedField;
        this.newRequest = newRequest;
    }

    /** {@code traces}, {@code logs} or {@code metrics}: the metric label and the path under /v1. */
    public String value() {
        return value;
    }

    /** The export request message, e.g. {@code ExportLogsServiceRequest}. */
    public String requestName() {
        return requestName;
    }

    /** One item of the signal in messages: {@code span}, {@code log record}, {@code data point}. */
    public String itemName() {
        return itemName;
    }

    /** The OTLP/JSON name of the rejected count in {@code partialSuccess}. */
    String rejectedField() {
        return rejectedField;
    }

    Message.Builder newRequest() {
        return newRequest.get();
    }

    /** The protobuf export response with {@code partial_success} set. */
    abstract byte[] partialSuccess(long rejected, String message);
}
