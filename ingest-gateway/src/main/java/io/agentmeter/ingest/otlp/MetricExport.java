package io.agentmeter.ingest.otlp;

import io.agentmeter.ingest.metrics.IngestMetrics;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import jakarta.inject.Singleton;

/** One OTLP metrics export: every data point accepted and counted as ignored ({@link MetricSorter} says why). */
@Singleton
public class MetricExport {

    private final IngestMetrics metrics;

    public MetricExport(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    public ExportOutcome export(ExportMetricsServiceRequest request) {
        IgnoredItems ignored = MetricSorter.sort(request);
        ignored.byReason().forEach((reason, points) -> metrics.otlpIgnored(OtlpSignal.METRICS.value(), reason, points));
        if (ignored.total() == 0) {
            return new ExportOutcome(0, "");
        }
        return new ExportOutcome(0, ignored.total() + " data point(s) accepted and ignored: metrics never become"
                + " turns (turns come from the agents' log events and GenAI spans): "
                + ignored.describe(MetricSorter::why));
    }
}
