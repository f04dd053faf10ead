package io.agentmeter.query.health;

import com.sun.net.httpserver.HttpServer;
import io.agentmeter.localstack.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A stand-in for the ingest gateway's {@code GET /q/health/ready} (SmallRye Health JSON with the checks
 * {@code kafka} and {@code postgresql}, as docs/ingest.md describes them), switchable between ready, Kafka down and
 * silent, for the health endpoint's tests; the real gateway needs a broker. {@link #closedPort()} gives an address
 * where nothing listens, for a part that is down.
 */
public final class ReadinessStub implements AutoCloseable {

    /** What the stub answers. */
    public enum Mode { READY, KAFKA_DOWN, SILENT }

    public static final String KAFKA_ERROR = "no broker answered within 1000 ms: Timed out waiting for a node"
            + " assignment. Call: describeCluster";

    private final HttpServer server;
    private volatile Mode mode = Mode.READY;

    public ReadinessStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/gateway/q/health/ready", exchange -> {
            Mode now = mode;
            if (now == Mode.SILENT) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean up = now == Mode.READY;
            String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"checks\":["
                    + (up ? "{\"name\":\"kafka\",\"status\":\"UP\",\"data\":{\"brokers\":1}}"
                    : "{\"name\":\"kafka\",\"status\":\"DOWN\",\"data\":{\"error\":\"" + KAFKA_ERROR + "\"}}")
                    + ",{\"name\":\"postgresql\",\"status\":\"UP\"}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(up ? 200 : 503, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "readiness-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The gateway's base URL (its readiness is below it). */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway";
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** A local port nothing listens on (it was free a moment ago). */
    public static int closedPort() {
        return FreePorts.pick();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
