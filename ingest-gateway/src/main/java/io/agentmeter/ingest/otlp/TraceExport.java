package io.agentmeter.ingest.otlp;

import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.ingest.turns.BatchResult;
import io.agentmeter.ingest.turns.TurnHeaders;
import io.agentmeter.ingest.turns.TurnIngestor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * One OTLP trace export, over HTTP or gRPC: GenAI model-call spans, with the tool spans they called
 * ({@link SpanMapper}, {@link ToolSpans}), go through the same validation, rate limit and publish path as
 * {@code /v1/turns}; the other spans are counted as ignored, by reason.
 */
@Singleton
public class TraceExport {

    /** Rejected spans described in the answer's message; the count covers them all. */
    private static final int DESCRIBED_REJECTIONS = 5;

    private final TurnIngestor ingestor;
    private final IngestMetrics metrics;

    public TraceExport(TurnIngestor ingestor, IngestMetrics metrics) {
        this.ingestor = ingestor;
        this.metrics = metrics;
    }

    public ExportOutcome export(Caller caller, ExportTraceServiceRequest request) {
        SpanMapper.Mapped mapped = SpanMapper.map(request);
        BatchResult result = mapped.turns().isEmpty()
                ? BatchResult.of(0, List.of())
                : ingestor.ingestTrees(caller, mapped.turns(), TurnHeaders.Source.OTLP);
        // Counted only once the turns are in Kafka: a request answered 503 is sent again and would count twice.
        IgnoredItems ignored = mapped.ignored();
        metrics.spansIgnored(Math.toIntExact(ignored.total()));
        ignored.byReason().forEach((reason, spans) -> metrics.otlpIgnored(OtlpSignal.TRACES.value(), reason, spans));
        // A rejected turn takes the tool spans of its tools[] with it.
        long rejected = result.rejected() + result.rejectedItems().stream()
                .mapToLong(item -> mapped.toolSpans().get(item.index())).sum();
        return new ExportOutcome(rejected, message(result, mapped, ignored));
    }

    private static String message(BatchResult result, SpanMapper.Mapped mapped, IgnoredItems ignored) {
        List<String> parts = new ArrayList<>();
        if (result.rejected() > 0) {
            parts.add(result.describeRejected("GenAI span(s)", DESCRIBED_REJECTIONS, item -> {
                Span span = mapped.turnSpans().get(item.index());
                int tools = mapped.toolSpans().get(item.index());
                return "span " + SpanMapper.eventId(span) + " (" + span.getName()
                        + (tools > 0 ? ", with its " + tools + " execute_tool span(s)" : "") + ")";
            }));
        }
        if (ignored.total() > 0) {
            parts.add(ignored.total() + " span(s) accepted and ignored: " + ignored.describe(ToolSpans::why));
        }
        return String.join(". ", parts);
    }
}
