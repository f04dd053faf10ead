package io.agentmeter.ingest.otlp.grpc;

import io.agentmeter.ingest.otlp.LogExport;
import io.agentmeter.ingest.otlp.MetricExport;
import io.agentmeter.ingest.otlp.OtlpSignal;
import io.agentmeter.ingest.otlp.TraceExport;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.List;

/**
 * The three OTLP/gRPC services, each the gRPC door to the export its OTLP/HTTP path uses ({@link LogExport},
 * {@link MetricExport}, {@link TraceExport}) and the same response ({@link OtlpSignal#response}): the same mappings,
 * limits and answers.
 */
final class OtlpGrpcServices {

    private OtlpGrpcServices() {
    }

    static List<BindableService> all(GrpcAnswers answers, LogExport logs, MetricExport metrics, TraceExport traces) {
        return List.of(
                new LogsServiceGrpc.LogsServiceImplBase() {
                    @Override
                    public void export(ExportLogsServiceRequest request,
                                       StreamObserver<ExportLogsServiceResponse> observer) {
                        answers.answer(OtlpSignal.LOGS, request, observer, logs::export);
                    }
                },
                new MetricsServiceGrpc.MetricsServiceImplBase() {
                    @Override
                    public void export(ExportMetricsServiceRequest request,
                                       StreamObserver<ExportMetricsServiceResponse> observer) {
                        answers.answer(OtlpSignal.METRICS, request, observer, (caller, r) -> metrics.export(r));
                    }
                },
                new TraceServiceGrpc.TraceServiceImplBase() {
                    @Override
                    public void export(ExportTraceServiceRequest request,
                                       StreamObserver<ExportTraceServiceResponse> observer) {
                        answers.answer(OtlpSignal.TRACES, request, observer, traces::export);
                    }
                });
    }
}
