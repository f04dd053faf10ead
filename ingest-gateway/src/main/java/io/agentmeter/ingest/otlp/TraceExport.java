package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.ingest.turns.BatchResult;
import io.agentmeter.ingest.turns.TurnHeaders;
import io.agentmeter.ingest.turns.TurnIngestor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * One OTLP trace export, over HTTP or gRPC: GenAI model-call spans ({@link SpanMapper}) go through the same
 * validation, rate limit and publish path as {@code /v1/turns}; the other spans are counted as ignored.
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
        List<ObjectNode> events = new ArrayList<>();
        List<Span> turnSpans = new ArrayList<>();
        int ignored = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    if (SpanMapper.isTurn(span)) {
                        events.add(SpanMapper.toEvent(span));
                        turnSpans.add(span);
                    } else {
                        ignored++;
                    }
                }
            }
        }
        metrics.spansIgnored(ignored);
        BatchResult result = events.isEmpty()
                ? BatchResult.of(0, List.of())
                : ingestor.ingestTrees(caller, events, TurnHeaders.Source.OTLP);
        return new ExportOutcome(result.rejected(), message(result, turnSpans, ignored));
    }

    private static String message(BatchResult result, List<Span> turnSpans, int ignored) {
        List<String> parts = new ArrayList<>();
        if (result.rejected() > 0) {
            parts.add(result.describeRejected("GenAI span(s)", DESCRIBED_REJECTIONS, item -> {
                Span span = turnSpans.get(item.index());
                return "span " + SpanMapper.eventId(span) + " (" + span.getName() + ")";
            }));
        }
        if (ignored > 0) {
            parts.add(ignored + " span(s) without GenAI model or usage attributes ignored");
        }
        return String.join(". ", parts);
    }
}
