package io.agentmeter.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP face of a plain Java service (the aggregator, the writer), on the JDK's built-in server: {@code /health/live}, {@code /health/ready} (200 when
 * up, 503 when not, a JSON body saying why) and {@code /metrics} (Prometheus text format).
 */
public final class HttpEndpoints implements AutoCloseable {

    /** One health verdict with its JSON body. */
    public record Health(boolean up, String json) {
    }

    private final HttpServer server;

    /** @param host the address to listen on; empty: every interface */
    public HttpEndpoints(Optional<String> host, int port, Supplier<Health> liveness, Supplier<Health> readiness,
                         PrometheusMeterRegistry registry) throws IOException {
        server = HttpServer.create(host.map(name -> new InetSocketAddress(name, port))
                .orElseGet(() -> new InetSocketAddress(port)), 0);
        server.createContext("/health/live", exchange -> health(exchange, liveness.get()));
        server.createContext("/health/ready", exchange -> health(exchange, readiness.get()));
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "agentmeter-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, Health health) throws IOException {
        respond(exchange, health.up() ? 200 : 503, "application/json", health.json());
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
