package io.agentmeter.cli.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@value #FILE_NAME} in the data directory: the processes a run started (every restart included), one
 * {@code name pid} line each, so that the next run can stop what a run killed with SIGKILL left behind (its shutdown
 * hook never ran, and the children outlive it).
 */
final class PidFile {

    static final String FILE_NAME = "services.pid";
    static final String POSTGRES = "postgres";

    private final Path file;
    private final Progress progress;

    PidFile(Path dataDir, Progress progress) {
        this.file = dataDir.resolve(FILE_NAME);
        this.progress = progress;
    }

    /** Adds a process this run started. */
    void record(String name, long pid) {
        try {
            Files.writeString(file, name + " " + pid + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // only a hint for the next run
        }
    }

    /** After a clean stop: nothing is left. */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // only a hint for the next run
        }
    }

    /**
     * Stops the processes an earlier run over this data directory recorded and left behind. Must run only while this
     * run holds the data directory's lock, so those processes belong to no live run; a recorded pid is only stopped
     * when its command line still looks like ours.
     */
    void stopLeftovers() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<Map.Entry<String, ProcessHandle>> services = new ArrayList<>();
        List<Map.Entry<String, ProcessHandle>> servers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length != 2) {
                    continue;
                }
                try {
                    ProcessHandle.of(Long.parseLong(parts[1])).filter(ProcessHandle::isAlive)
                            .filter(handle -> looksLike(parts[0], handle))
                            .ifPresent(handle -> (parts[0].equals(POSTGRES) ? servers : services)
                                    .add(Map.entry(parts[0], handle)));
                } catch (NumberFormatException ignored) {
                    // not a line this class wrote
                }
            }
        } catch (IOException e) {
            progress.note("cannot read " + file + ": " + e.getMessage());
            return;
        }
        // The services first (they use the servers), all at once; then PostgreSQL.
        stopAll(services);
        stopAll(servers);
        delete();
    }

    private void stopAll(List<Map.Entry<String, ProcessHandle>> leftovers) {
        for (Map.Entry<String, ProcessHandle> leftover : leftovers) {
            progress.note("stopping " + leftover.getKey() + " (pid " + leftover.getValue().pid()
                    + "), left running by an earlier run");
            leftover.getValue().destroy();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (Map.Entry<String, ProcessHandle> leftover : leftovers) {
            try {
                leftover.getValue().onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                leftover.getValue().destroyForcibly();
            } catch (ExecutionException e) {
                // gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted");
            }
        }
    }

    private static boolean looksLike(String name, ProcessHandle process) {
        String commandLine = process.info().commandLine().orElse("")
                + " " + process.info().arguments().map(a -> String.join(" ", a)).orElse("");
        String command = process.info().command().orElse("");
        return switch (name) {
            case SystemRunner.GATEWAY -> commandLine.contains("ingest-gateway") && commandLine.contains("quarkus-run.jar");
            case SystemRunner.QUERY_API -> commandLine.contains("query-api") && commandLine.contains("quarkus-run.jar");
            case SystemRunner.AGGREGATOR -> commandLine.contains("io.agentmeter.aggregator.AggregatorMain");
            case SystemRunner.WRITER -> commandLine.contains("io.agentmeter.writer.WriterMain");
            case POSTGRES -> command.endsWith("/postgres") || commandLine.contains("postgres");
            default -> false;
        };
    }
}
