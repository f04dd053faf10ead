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
        Message response(long rejected, String message, boolean partial) {
            ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
            if (partial) {
                response.getPartialSuccessBuilder().setRejectedSpans(rejected).setErrorMessage(message);
            }
            return response.build();
        }
    },
    LOGS("logs", "ExportLogsServiceRequest", "log record", "rejectedLogRecords",
            ExportLogsServiceRequest::newBuilder) {
        @Override
        Message response(long rejected, String message, boolean partial) {
            ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
            if (partial) {
                response.getPartialSuccessBuilder().setRejectedLogRecords(rejected).setErrorMessage(message);
            }
            return response.build();
        }
    },
    METRICS("metrics", "ExportMetricsServiceRequest", "data point", "rejectedDataPoints",
            ExportMetricsServiceRequest::newBuilder) {
        @Override
        Message response(long rejected, String message, boolean partial) {
            ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
            if (partial) {
                response.getPartialSuccessBuilder().setRejectedDataPoints(rejected).setErrorMessage(message);
            }
            return response.build();
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

    /**
     * The export response (OTLP/HTTP protobuf and OTLP/gRPC alike): {@code partial_success} set when items were
     * rejected or when there is a warning (the spec lets {@code error_message} carry one with nothing rejected), left
     * out otherwise.
     */
    public Message response(ExportOutcome outcome) {
        return response(outcome.rejected(), outcome.message(), isPartial(outcome.rejected(), outcome.message()));
    }

    static boolean isPartial(long rejected, String message) {
        return rejected > 0 || !message.isEmpty();
    }

    abstract Message response(long rejected, String message, boolean partial);
}
