package io.agentmeter.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of a plain Java service: reads its configuration (a bad one exits with status 2 and the message
 * naming every problem), starts the service, and on SIGTERM closes it and exits. SIGKILL needs nothing from here:
 * each service survives it by design (see its docs).
 */
public final class ServiceMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

    private ServiceMain() {
    }

    public static <C> void run(Supplier<C> configuration, Function<C, AutoCloseable> start)
            throws InterruptedException {
        C config;
        try {
            config = configuration.get();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AutoCloseable service = start.apply(config);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("error while shutting down", e);
            } finally {
                done.countDown();
            }
        }, "agentmeter-shutdown"));
        done.await();
    }
}
