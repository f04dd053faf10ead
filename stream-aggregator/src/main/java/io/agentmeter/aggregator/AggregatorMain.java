package io.agentmeter.aggregator;

import io.agentmeter.runtime.ServiceMain;

/**
 * Runs the aggregator as a plain Java process, configured by {@code AGENTMETER_*} environment variables (see
 * {@link AggregatorConfig} and docs/aggregator.md). Stops cleanly on SIGTERM; survives SIGKILL by design
 * (exactly-once state and offsets).
 */
public final class AggregatorMain {

    private AggregatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceMain.run(AggregatorConfig::fromEnvironment, Aggregator::start);
    }
}
