package io.agentmeter.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    private static final String NAME = "agentmeter.ingest.otlp.ignored";

    @Test
    void shouldBoundTheReasonsOfIgnoredOtlpItemsPerSignal() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry);
        for (int i = 0; i < IngestMetrics.MAX_IGNORED_REASONS + 5; i++) {
            metrics.otlpIgnored("logs", "event." + i, 2);
        }
        metrics.otlpIgnored("logs", "event.0", 1);
        metrics.otlpIgnored("metrics", "claude_code.token.usage", 4);
        assertThat(registry.find(NAME).tag("signal", "logs").counters())
                .hasSize(IngestMetrics.MAX_IGNORED_REASONS + 1);
        assertThat(count(registry, "logs", "event.0")).isEqualTo(3.0);
        assertThat(count(registry, "logs", IngestMetrics.OTHER_REASON)).isEqualTo(10.0);
        assertThat(count(registry, "metrics", "claude_code.token.usage")).isEqualTo(4.0);
    }

    private static double count(SimpleMeterRegistry registry, String signal, String reason) {
        return registry.find(NAME).tag("signal", signal).tag("reason", reason).counter().count();
    }
}
