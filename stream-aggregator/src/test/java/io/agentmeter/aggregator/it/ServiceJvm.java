package io.agentmeter.aggregator.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A service as its own JVM (the aggregator's {@code AggregatorMain}, the writer's {@code WriterMain}), so a test can
 * kill it with SIGKILL. Both are on this test's classpath (the writer is a test dependency of this module).
 */
final class ServiceJvm {

    private final Process process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private ServiceJvm(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    static ServiceJvm aggregator(Map<String, String> environment, int httpPort, String logName) throws IOException {
        return start("io.agentmeter.aggregator.AggregatorMain", environment, httpPort, logName);
    }

    static ServiceJvm writer(Map<String, String> environment, int httpPort, String logName) throws IOException {
        return start("io.agentmeter.writer.WriterMain", environment, httpPort, logName);
    }

    private static ServiceJvm start(String mainClass, Map<String, String> environment, int httpPort, String logName)
            throws IOException {
        // Failsafe puts the real classpath here; java.class.path may be a manifest-only booter jar.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Path.of(System.getProperty("aggregator.log.dir", System.getProperty("java.io.tmpdir")))
                .resolve(logName + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classpath,
                mainClass))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServiceJvm(builder.start(), httpPort);
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the shutdown hook closes the service cleanly (Kafka Streams' tasks commit), then the process exits. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The HTTP status of a GET on {@code path}, or -1 when nothing answers. */
    int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The sum of a Prometheus metric over all its labels on {@code /metrics}, 0 when absent or when nothing answers.
     */
    double metric(String name) {
        String text;
        try {
            text = get("/metrics");
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        return text.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .timeout(Duration.ofSeconds(2)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
