package io.agentmeter.query.oracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real aggregator ({@code AggregatorMain}) or writer ({@code WriterMain}) as its own JVM on this test's classpath
 * (stream-aggregator and postgres-writer are test dependencies of query-api), so the oracle can kill it with SIGKILL
 * and start it again over the same state. The same pattern as stream-aggregator's test {@code ServiceJvm}.
 */
final class ServiceJvm {

    private final Process process;
    final Path log;

    private ServiceJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ServiceJvm aggregator(Map<String, String> environment, String logName) throws IOException {
        return start("io.agentmeter.aggregator.AggregatorMain", environment, logName);
    }

    static ServiceJvm writer(Map<String, String> environment, String logName) throws IOException {
        return start("io.agentmeter.writer.WriterMain", environment, logName);
    }

    private static ServiceJvm start(String mainClass, Map<String, String> environment, String logName)
            throws IOException {
        // Failsafe puts the real classpath here; java.class.path may be a manifest-only booter jar.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path dir = Path.of(System.getProperty("oracle.log.dir", "target"));
        Files.createDirectories(dir);
        Path log = dir.resolve(logName + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classpath,
                mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServiceJvm(builder.start(), log);
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }
}
