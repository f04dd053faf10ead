package io.agentmeter.aggregator;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the aggregator as a plain Java process, configured by {@code AGENTMETER_*} environment variables (see
 * {@link AggregatorConfig} and docs/aggregator.md). Stops cleanly on SIGTERM; survives SIGKILL by design (exactly-once
 * state and offsets, idempotent sink).
 */
public final class AggregatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(AggregatorMain.class);

    private AggregatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AggregatorConfig config;
        try {
            config = AggregatorConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Aggregator aggregator = Aggregator.start(config);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            aggregator.close();
            done.countDown();
        }, "agentmeter-shutdown"));
        done.await();
    }
}
