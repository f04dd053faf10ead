package io.agentmeter.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the standalone stack as a script would: a separate JVM started with {@code java -cp}, stopped by SIGTERM. */
class LocalStackMainIT {

    @Test
    void shouldPrintSettingsAndReadyServeThemAndStopCleanlyOnSigterm(@TempDir Path workDirectory) throws Exception {
        Path dataDirectory = workDirectory.resolve("data");
        Path envFile = workDirectory.resolve("agentmeter.env");
        Process process = new ProcessBuilder(javaCommand(
                "--data-dir", dataDirectory.toString(), "--kafka-port", "0", "--pg-port", "0",
                "--env-file", envFile.toString()))
                .redirectErrorStream(true)
                .start();
        OutputCollector output = OutputCollector.follow(process);
        try {
            assertThat(output.awaitLine(LocalStackMain.READY, 90)).as("'ready' printed; output so far:%n%s", output)
                    .isTrue();

            Map<String, String> settings = parseEnvFile(envFile);
            assertThat(settings).containsOnlyKeys(ConnectionSettings.KAFKA_BOOTSTRAP, ConnectionSettings.DB_URL,
                    ConnectionSettings.DB_USER, ConnectionSettings.DB_PASSWORD);
            assertThat(output.lines()).contains(
                    ConnectionSettings.KAFKA_BOOTSTRAP + "=" + settings.get(ConnectionSettings.KAFKA_BOOTSTRAP),
                    ConnectionSettings.DB_URL + "=" + settings.get(ConnectionSettings.DB_URL));
            assertThat(settings.get(ConnectionSettings.DB_URL)).endsWith("/" + LocalStackMain.DATABASE);

            try (Connection connection = DriverManager.getConnection(settings.get(ConnectionSettings.DB_URL),
                    settings.get(ConnectionSettings.DB_USER), settings.get(ConnectionSettings.DB_PASSWORD));
                 Statement statement = connection.createStatement()) {
                assertThat(LocalPostgresIT.queryStrings(statement, "SELECT current_database()"))
                        .containsExactly(LocalStackMain.DATABASE);
            }
            String[] kafkaHostPort = settings.get(ConnectionSettings.KAFKA_BOOTSTRAP).split(":");
            assertThat(accepts(kafkaHostPort[0], Integer.parseInt(kafkaHostPort[1]))).isTrue();
            int postgresPort = URI.create(settings.get(ConnectionSettings.DB_URL).substring("jdbc:".length())).getPort();

            // SIGTERM, as a supervisor sends (Ctrl-C sends SIGINT; the JVM treats both alike). Through the handle,
            // because Process.destroy() also closes our end of the pipe and the goodbye lines would be lost.
            process.toHandle().destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process exits after SIGTERM").isTrue();
            output.awaitEnd();
            assertThat(output.lines()).as("exit %d; output:%n%s", process.exitValue(), output).contains("stopped");
            assertThat(envFile).doesNotExist();
            assertThat(accepts("localhost", postgresPort)).as("PostgreSQL stopped with the stack").isFalse();
            assertThat(dataDirectory.resolve("kafka").resolve("meta.properties")).exists();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldRejectAnUnknownOptionWithUsage() throws Exception {
        Process process = new ProcessBuilder(javaCommand("--kafka-prot", "1")).redirectErrorStream(true).start();
        OutputCollector output = OutputCollector.follow(process);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        output.awaitEnd();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.lines()).contains("Unknown option: --kafka-prot");
        assertThat(String.join("\n", output.lines())).contains("Usage: LocalStackMain");
    }

    private static List<String> javaCommand(String... args) throws IOException {
        String classesDirectory = System.getProperty("localstack.classes.dir", "target/classes");
        String classpathFile = System.getProperty("localstack.classpath.file", "target/classpath.txt");
        String classpath = classesDirectory + File.pathSeparator + Files.readString(Path.of(classpathFile)).trim();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, LocalStackMain.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static Map<String, String> parseEnvFile(Path envFile) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            int equals = line.indexOf('=');
            settings.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return settings;
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a child process's output on a thread of its own, so the child never blocks on a full pipe. */
    private static final class OutputCollector {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch ended = new CountDownLatch(1);
        private final Thread reader;

        private OutputCollector(Process process) {
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process went away; whatever was read is kept
                } finally {
                    ended.countDown();
                }
            }, "local-stack-main-output");
            reader.setDaemon(true);
        }

        static OutputCollector follow(Process process) {
            OutputCollector collector = new OutputCollector(process);
            collector.reader.start();
            return collector;
        }

        boolean awaitLine(String expected, int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                if (lines().contains(expected)) {
                    return true;
                }
                if (ended.getCount() == 0) {
                    return false;
                }
                Thread.sleep(100);
            }
            return false;
        }

        void awaitEnd() throws InterruptedException {
            ended.await(30, TimeUnit.SECONDS);
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        @Override
        public String toString() {
            return String.join(System.lineSeparator(), lines());
        }
    }
}
