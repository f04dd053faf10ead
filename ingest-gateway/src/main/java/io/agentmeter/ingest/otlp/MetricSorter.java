package io.agentmeter.ingest.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.Map;

/**
 * OTLP metrics never become turns. The token metrics the agents send ({@code claude_code.token.usage},
 * {@code codex.turn.token_usage}, {@code gemini_cli.token.usage}) repeat, as sums over an interval, the very requests
 * their log events report one by one, and {@code gen_ai.client.token.usage} is a histogram over the model calls that
 * GenAI spans report: counting them too would count each request twice when a user enables both signals, and an
 * aggregate cannot be priced per model call anyway. So every data point is accepted (an exporter must not retry it)
 * and counted as ignored with the metric's name as the reason.
 */
public final class MetricSorter {

    /** Why the metrics agents are known to send are not turns; named in the answer. */
    static final Map<String, String> KNOWN = Map.of(
            "claude_code.token.usage", "repeats the claude_code.api_request log events",
            "claude_code.cost.usage", "repeats the claude_code.api_request log events",
            "codex.turn.token_usage", "repeats the codex.sse_event response.completed log events",
            "gemini_cli.token.usage", "repeats the gemini_cli.api_response log events",
            "gen_ai.client.token.usage", "an aggregate of the model calls that GenAI spans report");

    private MetricSorter() {
    }

    /** The data points of the export by metric name. */
    public static IgnoredItems sort(ExportMetricsServiceRequest request) {
        IgnoredItems ignored = new IgnoredItems();
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    ignored.add(metric.getName().isBlank() ? "unnamed_metric" : metric.getName(), dataPoints(metric));
                }
            }
        }
        return ignored;
    }

    /** Why a metric (by its cleaned name) is not counted, for the answer. */
    static String why(String metricName) {
        return KNOWN.getOrDefault(metricName, "");
    }

    static int dataPoints(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }
}
