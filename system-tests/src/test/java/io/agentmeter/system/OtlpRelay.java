package io.agentmeter.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * An OTLP/HTTP hop on loopback between an agent and the gateway: every request is passed on as it came (path, body,
 * {@code Content-Type}, {@code Content-Encoding}, {@code Authorization}) and the gateway's answer passed back, and each
 * logs export is kept, so a test can send the very same exports again ({@link #replay()}), as an exporter's retry would.
 */
final class OtlpRelay implements AutoCloseable {

    private static final List<String> HEADERS = List.of("Content-Type", "Content-Encoding", "Authorization");

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = E2eSystem.http();
    private final List<HttpRequest> sent = new ArrayList<>();

    private OtlpRelay(HttpServer server, URI target) {
        this.server = server;
        this.target = target;
    }

    /** Starts on a free loopback port, passing everything on to {@code target} (the gateway's base URL). */
    static OtlpRelay start(URI target) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpRelay relay = new OtlpRelay(server, target);
        server.createContext("/", relay::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return relay;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The logs exports passed on so far, as they were sent. */
    synchronized List<HttpRequest> sent() {
        return List.copyOf(sent);
    }

    /** Sends every logs export passed on so far once more; returns the gateway's statuses. */
    List<Integer> replay() throws IOException, InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        for (HttpRequest request : sent()) {
            statuses.add(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        return statuses;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getPath()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpRequest built = request.build();
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (exchange.getRequestURI().getPath().equals("/v1/logs")) {
                synchronized (this) {
                    sent.add(built);
                }
            }
            answer.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
