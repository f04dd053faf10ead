package io.agentmeter.query.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An open-loop load: one request every 1/rate seconds whatever the answers do, each latency measured from the moment
 * it was due (so a slow answer cannot hide the requests queued behind it).
 */
final class Load {

    record Result(int requests, int errors, double p50, double p99, double max) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(16)).build();
    private final String base;
    private final String key;

    Load(String base, String key) {
        this.base = base;
        this.key = key;
    }

    String get(String path) throws Exception {
        HttpResponse<String> response = client.send(request(path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    Result run(Supplier<String> paths, double rate, Duration warmUp, Duration measure) throws Exception {
        fire(paths, rate, warmUp, null);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = fire(paths, rate, measure, latencies);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted.size() + errors.get(), errors.get(), pct(sorted, 0.50), pct(sorted, 0.99),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
    }

    private AtomicInteger fire(Supplier<String> paths, double rate, Duration length,
                               ConcurrentLinkedQueue<Double> latencies) throws Exception {
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long count = length.toNanos() / intervalNanos;
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            HttpRequest request = request(paths.get());
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, e) -> {
                double ms = (System.nanoTime() - due) / 1e6;
                if (e != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                    if (errors.get() <= 3) {
                        System.out.println("    error: " + (e != null ? e : response.statusCode() + " "
                                + response.body()));
                    }
                } else if (latencies != null) {
                    latencies.add(ms);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return errors;
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    private static double pct(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
