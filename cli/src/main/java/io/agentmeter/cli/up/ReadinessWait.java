package io.agentmeter.cli.up;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Waiting for services that start together: each one's readiness polled on a thread of its own (timed from its own
 * launch), and a failure of either reported at once rather than after the other's timeout.
 */
final class ReadinessWait {

    private ReadinessWait() {
    }

    static CompletableFuture<Double> inBackground(ServiceProcess service, Duration timeout, BooleanSupplier stopping) {
        CompletableFuture<Double> ready = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                service.awaitReady(timeout, stopping);
                ready.complete(service.elapsedSeconds());
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
            }
        }, "agentmeter-up-wait-" + service.name());
        waiter.setDaemon(true);
        waiter.start();
        return ready;
    }

    /** The seconds {@code wanted} took; fails as soon as either fails (a service that died is reported at once). */
    static double await(CompletableFuture<Double> wanted, CompletableFuture<Double> other) {
        CompletableFuture<Double> otherFailed = other.handle((seconds, failure) -> failure)
                .thenCompose(failure -> failure == null ? new CompletableFuture<Double>()
                        : CompletableFuture.<Double>failedFuture(failure));
        try {
            CompletableFuture.anyOf(wanted, otherFailed).join();
            return wanted.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e;
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StartupException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
