package io.agentmeter.cli.up;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Waiting for services that start together: each one's readiness polled on a thread of its own (timed from its own
 * launch), and a failure of any reported at once rather than after the others' timeouts.
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

    /** The seconds {@code wanted} took; fails as soon as any fails (a service that died is reported at once). */
    @SafeVarargs
    static double await(CompletableFuture<Double> wanted, CompletableFuture<Double>... others) {
        CompletableFuture<?>[] watched = new CompletableFuture<?>[others.length + 1];
        watched[0] = wanted;
        for (int i = 0; i < others.length; i++) {
            watched[i + 1] = others[i].handle((seconds, failure) -> failure)
                    .thenCompose(failure -> failure == null ? new CompletableFuture<Double>()
                            : CompletableFuture.<Double>failedFuture(failure));
        }
        try {
            CompletableFuture.anyOf(watched).join();
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
