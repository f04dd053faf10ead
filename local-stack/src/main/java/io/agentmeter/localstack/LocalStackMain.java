package io.agentmeter.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link LocalStack} as a standalone process that keeps its data between runs:
 * <pre>
 *   ./mvnw -q -pl local-stack compile exec:java -Dexec.args="--data-dir .agentmeter/data"
 *   java -cp "local-stack/target/classes:$(cat local-stack/target/classpath.txt)" io.agentmeter.localstack.LocalStackMain
 * </pre>
 * It prints the connection settings (readable, then as {@code KEY=value} lines), optionally writes them to an env
 * file, prints {@value #READY} once both servers accept connections, and stops both cleanly on Ctrl-C / SIGTERM.
 */
public final class LocalStackMain {

    /** The line a supervising script waits for. */
    public static final String READY = "ready";
    /** The database the services use; created on the first run, reused afterwards. */
    public static final String DATABASE = "agentmeter";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        quietLogging();
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LocalStackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LocalStackOptions.USAGE);
            return;
        }

        LocalStack stack;
        try {
            stack = start(options, System.out);
        } catch (RuntimeException e) {
            System.err.println("The local stack did not start: " + e.getMessage() + rootCause(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            stop(stack, options.envFile());
            System.out.println("stopped");
            stopped.countDown();
        }, "agentmeter-local-stack-stop"));
        System.out.println(READY);
        System.out.flush();
        // The servers run on their own threads and processes; main only waits for the shutdown hook.
        stopped.await();
    }

    /** Starts the stack over the data directory, prints its settings and writes the env file if one is wanted. */
    static LocalStack start(LocalStackOptions options, PrintStream out) {
        Path dataDirectory = options.dataDirectory().toAbsolutePath().normalize();
        boolean reused = Files.isDirectory(dataDirectory.resolve("kafka"));
        long startedAt = System.nanoTime();
        LocalStack stack = LocalStack.builder()
                .dataDirectory(dataDirectory)
                .kafkaPort(options.kafkaPort())
                .postgresPort(options.postgresPort())
                .start();
        try {
            stack.postgres().createDatabase(DATABASE);
            ConnectionSettings settings = ConnectionSettings.of(stack, DATABASE);
            options.envFile().ifPresent(file -> writeAtomically(file, settings.asEnvFile()));

            out.printf("agentmeter local stack started in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
            out.println(settings.asText());
            out.println("  Data directory          : " + dataDirectory + (reused ? " (reused)" : " (new)"));
            options.envFile().ifPresent(file -> out.println("  Env file                : " + file.toAbsolutePath()));
            out.println();
            out.print(settings.asEnvFile());
            out.flush();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    static void stop(LocalStack stack, Optional<Path> envFile) {
        try {
            stack.close();
        } finally {
            // Once the servers are gone the settings are stale; a script must not pick them up again.
            envFile.ifPresent(LocalStackMain::deleteQuietly);
        }
    }

    /** Written next to the target and moved over it, so a reader never sees half a file. */
    private static void writeAtomically(Path file, String content) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the env file " + file, e);
        }
    }

    /** The broker wraps a port clash three levels deep; the innermost message is the one that says what to do. */
    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == failure ? "" : " (" + cause + ")";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The JVM is stopping; a leftover env file is not worth failing the shutdown for.
        }
    }

    /**
     * The broker logs hundreds of INFO lines per start; only warnings and errors are worth a developer's attention.
     * Set before the first logger is created; any -Dorg.slf4j.simpleLogger.* given on the command line wins.
     */
    private static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
