package io.agentmeter.ingest.otlp;

import io.agentmeter.ingest.activity.ActivityIngestor;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.ingest.turns.BatchResult;
import io.agentmeter.ingest.turns.TurnHeaders;
import io.agentmeter.ingest.turns.TurnIngestor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * One OTLP logs export: the agents' turn events ({@link LogRouter}) go through the same validation, rate limit and
 * publish path as {@code /v1/turns} ({@link TurnIngestor}), their activity events (tool calls, decisions, errors,
 * prompts) the path of {@code /v1/activity} ({@link ActivityIngestor}, to agent-activity; the tenant's payload setting
 * applies); the other records are counted as ignored.
 */
@Singleton
public class LogExport {

    /** Rejected records described in the answer's message; the count covers them all. */
    private static final int DESCRIBED_REJECTIONS = 5;

    private final LogRouter router = new LogRouter();
    private final TurnIngestor ingestor;
    private final ActivityIngestor activityIngestor;
    private final IngestMetrics metrics;

    public LogExport(TurnIngestor ingestor, ActivityIngestor activityIngestor, IngestMetrics metrics) {
        this.ingestor = ingestor;
        this.activityIngestor = activityIngestor;
        this.metrics = metrics;
    }

    public ExportOutcome export(Caller caller, ExportLogsServiceRequest request) {
        LogRouter.Routed routed = router.route(request);
        BatchResult result = routed.turns().isEmpty()
                ? BatchResult.of(0, List.of())
                : ingestor.ingestTrees(caller, routed.turns(), TurnHeaders.Source.OTLP);
        BatchResult activity = routed.activities().isEmpty()
                ? BatchResult.of(0, List.of())
                : activityIngestor.ingestTrees(caller, routed.activities(), TurnHeaders.Source.OTLP);
        // Counted only once the turns are in Kafka: a request answered 503 is sent again and would count twice.
        routed.ignored().byReason().forEach((reason, items) ->
                metrics.otlpIgnored(OtlpSignal.LOGS.value(), reason, items));
        List<String> parts = new ArrayList<>(3);
        if (result.rejected() > 0) {
            parts.add(result.describeRejected("log record(s)", DESCRIBED_REJECTIONS,
                    item -> routed.turnNames().get(item.index()) + " " + item.eventId()));
        }
        if (activity.rejected() > 0) {
            parts.add(activity.describeRejected("log record(s)", DESCRIBED_REJECTIONS,
                    item -> routed.activityNames().get(item.index()) + " " + item.eventId())
                    .replace("rejected as turn events", "rejected as activity events"));
        }
        if (routed.ignored().total() > 0) {
            parts.add(routed.ignored().total() + " log record(s) accepted and ignored, not model turns: "
                    + routed.ignored().describe());
        }
        return new ExportOutcome(result.rejected() + activity.rejected(), String.join(". ", parts));
    }
}
