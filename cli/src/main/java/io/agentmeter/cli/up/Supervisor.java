package io.agentmeter.cli.up;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the parts {@code up} runs running, as an init system does: a part whose process ends while the system runs
 * is started again after a {@link RestartBackoff} delay, and nothing else is touched (the other parts keep serving).
 * Every exit and restart is written to the console and to the log, with the exit status and the restart count. Only
 * {@link #close()} (the whole system stopping) ends the restarts; it must come before the parts are stopped, so that
 * their exits are not taken for crashes.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    /** One run of a part: its process and how it ended. */
    public interface Run {

        long pid();

        /** Completes when the process has ended, with its exit status where this process can know it. */
        CompletionStage<OptionalInt> ended();

        /** A child process of this JVM: its exit status is known. */
        static Run of(ServiceProcess service) {
            return new Run() {
                @Override
                public long pid() {
                    return service.pid();
                }

                @Override
                public CompletionStage<OptionalInt> ended() {
                    return service.onExit().thenApply(done -> OptionalInt.of(done.exitStatus()));
                }
            };
        }

        /** Any process, e.g. a server that a helper started and left running: its exit status is unknown here. */
        static Run of(ProcessHandle process) {
            return new Run() {
                @Override
                public long pid() {
                    return process.pid();
                }

                @Override
                public CompletionStage<OptionalInt> ended() {
                    return process.onExit().thenApply(done -> OptionalInt.empty());
                }
            };
        }
    }

    private final Consumer<String> console;
    private final Supplier<RestartBackoff> backoffs;
    private final ScheduledExecutorService restarter;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param console  where the lines about exits and restarts are shown (the terminal {@code up} runs in)
     * @param backoffs a new policy for each part
     */
    public Supervisor(Consumer<String> console, Supplier<RestartBackoff> backoffs) {
        this.console = console;
        this.backoffs = backoffs;
        // One thread a part at most is busy restarting (PostgreSQL's restart blocks until it accepts clients).
        this.restarter = Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "agentmeter-up-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    public Supervisor(Consumer<String> console) {
        this(console, RestartBackoff::defaults);
    }

    /**
     * Watches {@code name}, now running as {@code current}; when it ends, {@code restart} is called (after the
     * backoff) to start it again and must return the new run, or throw to be tried again after a longer wait.
     */
    public synchronized void supervise(String name, Run current, Callable<Run> restart) {
        if (closed) {
            return;
        }
        Part part = new Part(name, restart, backoffs.get());
        parts.put(name, part);
        part.watch(current);
    }

    /** How often {@code name} was restarted (0 when it never died, or is not supervised). */
    public synchronized int restarts(String name) {
        Part part = parts.get(name);
        return part == null ? 0 : part.backoff.restarts();
    }

    /** The process id of the current run of {@code name}; empty while it is down or when it is not supervised. */
    public synchronized OptionalLong pid(String name) {
        Part part = parts.get(name);
        return part == null || part.current == null ? OptionalLong.empty() : OptionalLong.of(part.current.pid());
    }

    /** Stops restarting: what ends from now on stays ended. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        restarter.shutdownNow();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** One supervised part: its current run and its backoff. Guarded by the supervisor's lock. */
    private final class Part {
        private final String name;
        private final Callable<Run> restart;
        private final RestartBackoff backoff;
        private Run current;
        private long startedNanos;

        Part(String name, Callable<Run> restart, RestartBackoff backoff) {
            this.name = name;
            this.restart = restart;
            this.backoff = backoff;
        }

        /** Called with the supervisor's lock held. */
        void watch(Run run) {
            current = run;
            startedNanos = System.nanoTime();
            run.ended().thenAccept(status -> ended(run, status));
        }

        private void ended(Run run, OptionalInt status) {
            Duration delay;
            int restartNumber;
            synchronized (Supervisor.this) {
                if (closed || current != run) {
                    return;
                }
                current = null;
                delay = backoff.nextDelay(Duration.ofNanos(System.nanoTime() - startedNanos));
                restartNumber = backoff.restarts();
            }
            report("%s (pid %d) exited with %s; restart %d in %s", name, run.pid(),
                    status.isPresent() ? "status " + status.getAsInt() : "an unknown status (not a child of up)",
                    restartNumber, seconds(delay));
            schedule(delay, restartNumber);
        }

        private void schedule(Duration delay, int restartNumber) {
            try {
                restarter.schedule(() -> restartNow(restartNumber), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the supervisor was closed meanwhile: the system is stopping
            }
        }

        private void restartNow(int restartNumber) {
            if (isClosed()) {
                return;
            }
            Run next;
            try {
                next = restart.call();
            } catch (Exception e) {
                if (isClosed()) {
                    return;
                }
                Duration delay;
                int number;
                synchronized (Supervisor.this) {
                    delay = backoff.nextDelay(Duration.ZERO);
                    number = backoff.restarts();
                }
                report("%s could not be restarted (restart %d): %s; restart %d in %s", name, restartNumber,
                        e.getMessage() == null ? e.toString() : e.getMessage(), number, seconds(delay));
                schedule(delay, number);
                return;
            }
            synchronized (Supervisor.this) {
                if (closed) {
                    return; // the caller stops what it started: the system is stopping
                }
                watch(next);
            }
            report("%s restarted (pid %d; restart %d)", name, next.pid(), restartNumber);
        }
    }

    private void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        LOG.warn(line);
        console.accept(line);
    }

    private static String seconds(Duration delay) {
        return String.format(Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
    }
}
