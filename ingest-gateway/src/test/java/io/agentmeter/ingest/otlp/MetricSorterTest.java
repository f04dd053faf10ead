package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSorterTest {

    @Test
    void shouldCountEveryDataPointByMetricNameAndExplainTheTokenMetrics() {
        String json = """
                {"resourceMetrics": [{"resource": {"attributes": [
                   {"key": "service.name", "value": {"stringValue": "claude-code"}}]},
                 "scopeMetrics": [{"scope": {"name": "com.anthropic.claude_code"}, "metrics": [
                  {"name": "claude_code.token.usage", "unit": "tokens", "sum": {"aggregationTemporality": 1,
                   "isMonotonic": true, "dataPoints": [
                    {"asDouble": 3, "timeUnixNano": "1771878910123000000", "attributes": [
                      {"key": "type", "value": {"stringValue": "input"}},
                      {"key": "model", "value": {"stringValue": "claude-opus-4-6"}}]},
                    {"asDouble": 13, "timeUnixNano": "1771878910123000000", "attributes": [
                      {"key": "type", "value": {"stringValue": "output"}}]}]}},
                  {"name": "claude_code.session.count", "sum": {"dataPoints": [{"asDouble": 1}]}},
                  {"name": "gen_ai.client.token.usage", "histogram": {"dataPoints": [
                    {"count": "2", "sum": 300, "bucketCounts": ["0", "2"], "explicitBounds": [100],
                     "exemplars": [{"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174",
                                    "asDouble": 150}]}]}},
                  {"name": "empty"}
                ]}]}]}""";
        IgnoredItems ignored = MetricSorter.sort(OtlpCodec.readMetrics(json.getBytes(StandardCharsets.UTF_8),
                OtlpEncoding.JSON));
        assertThat(ignored.byReason()).containsExactly(
                Map.entry("claude_code.token.usage", 2L),
                Map.entry("claude_code.session.count", 1L),
                Map.entry("gen_ai.client.token.usage", 1L));
        assertThat(ignored.describe(MetricSorter::why)).isEqualTo(
                "2 claude_code.token.usage (repeats the claude_code.api_request log events),"
                        + " 1 claude_code.session.count,"
                        + " 1 gen_ai.client.token.usage (an aggregate of the model calls that GenAI spans report)");
    }
}
