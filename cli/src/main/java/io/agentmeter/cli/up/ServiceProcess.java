package io.agentmeter.cli.up;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service running as a child process: its output goes to a log file, readiness is an HTTP GET that answers 200,
 * and stopping is SIGTERM, a bounded wait, then SIGKILL.
 */
public final class ServiceProcess {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final int TAIL_LINES = 30;

    private final String name;
    private final Process process;
    private final Launch launch;
    private final Path log;
    private final URI readiness;
    private final long startedNanos = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    /** What started the process, kept so that {@link #relaunch()} starts the same again. */
    private record Launch(List<String> command, Map<String, String> environment, Path workDir) {
    }

    private ServiceProcess(String name, Process process, Launch launch, Path log, URI readiness) {
        this.name = name;
        this.process = process;
        this.launch = launch;
        this.log = log;
        this.readiness = readiness;
    }

    /**
     * Starts {@code command} in {@code workDir} with {@code environment} added to this process's environment, its
     * standard output and error both written to {@code log} (the previous run's log is kept as {@code log.1}).
     */
    public static ServiceProcess launch(String name, List<String> command, Map<String, String> environment,
                                        Path workDir, Path log, URI readiness) {
        try {
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StartupException(name + " could not be started: cannot prepare its log " + log + ": "
                    + e.getMessage(), e);
        }
        return start(name, new Launch(List.copyOf(command), Map.copyOf(environment), workDir), log, readiness);
    }

    /**
     * Starts the same command again (after this one died), appending to the same log: the lines before the crash
     * and after the restart stay in one file.
     */
    public ServiceProcess relaunch() {
        return start(name, launch, log, readiness);
    }

    private static ServiceProcess start(String name, Launch launch, Path log, URI readiness) {
        try {
            ProcessBuilder builder = new ProcessBuilder(launch.command())
                    .directory(launch.workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            builder.environment().putAll(launch.environment());
            return new ServiceProcess(name, builder.start(), launch, log, readiness);
        } catch (IOException e) {
            throw new StartupException(name + " could not be started (" + String.join(" ", launch.command()) + "): "
                    + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public URI readiness() {
        return readiness;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with this service when its process has ended, for whatever reason. */
    public java.util.concurrent.CompletableFuture<ServiceProcess> onExit() {
        return process.onExit().thenApply(ended -> this);
    }

    /** Seconds since launch. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * Waits until the readiness URL answers 200. Fails with the log's tail when the process exits first or the
     * timeout passes; returns early (throwing) when {@code cancelled} turns true.
     */
    public void awaitReady(Duration timeout, BooleanSupplier cancelled) {
        long deadline = startedNanos + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new StartupException(name + ": start-up cancelled");
            }
            if (!process.isAlive()) {
                throw new StartupException(name + " exited with status " + process.exitValue()
                        + " while starting" + logTail());
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(readiness)
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = answer.statusCode() + " " + oneLine(answer.body());
            } catch (IOException notYet) {
                lastAnswer = "not answering (" + notYet.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException(name + ": interrupted while waiting for it to become ready");
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(name + " was not ready within " + timeout.toSeconds() + " s ("
                        + readiness + ": " + lastAnswer + ")" + logTail());
            }
            sleep(POLL);
        }
    }

    /** SIGTERM: the service's own shutdown hook runs. */
    public void signalStop() {
        process.destroy();
    }

    /** Waits up to {@code timeout} for the process to end, then kills it (SIGKILL); returns true if it ended by itself. */
    public boolean awaitStopped(Duration timeout) {
        try {
            if (process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The exit status, or null while it runs. */
    public Integer exitStatus() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** The last lines of the log, formatted to follow an error message. */
    public String logTail() {
        List<String> lines = tail(log, TAIL_LINES);
        if (lines.isEmpty()) {
            return "; its log " + log + " is empty";
        }
        StringBuilder out = new StringBuilder("; the last lines of its log (").append(log).append("):");
        for (String line : lines) {
            out.append(System.lineSeparator()).append("    | ").append(line);
        }
        return out.toString();
    }

    /** The last {@code count} lines of a file (reads at most its last 64 KiB); empty when it cannot be read. */
    static List<String> tail(Path file, int count) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8)
                    .split("\\R")));
            if (size < length && !lines.isEmpty()) {
                lines.remove(0); // probably cut in the middle
            }
            lines.removeIf(String::isBlank);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String oneLine(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
