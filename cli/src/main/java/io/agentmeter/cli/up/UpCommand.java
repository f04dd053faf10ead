package io.agentmeter.cli.up;

import io.agentmeter.cli.args.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code agentmeter up}: starts the whole system ({@link SystemRunner}), prints where it answers, and keeps it running
 * until Ctrl-C / SIGTERM (a shutdown hook stops everything). A part that dies meanwhile is restarted
 * ({@link Supervisor}), with a line on the console; nothing else stops the whole.
 */
public final class UpCommand {

    public static final String USAGE = UpOptions.USAGE;

    private UpCommand() {
    }

    /**
     * @param onShutdown run first thing in the shutdown hook (tells Main the JVM is exiting already)
     * @return the exit status: 0 after a stop by signal, 1 when the start failed
     */
    public static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env,
                          Runnable onShutdown) throws UsageException {
        UpOptions options = UpOptions.parse(argv, env);
        logStackTo(options);
        out.println("agentmeter up: data in " + options.dataDir() + ", logs in " + options.logDir());
        long started = System.nanoTime();
        SystemRunner runner = new SystemRunner(options, new Progress(out));
        AtomicBoolean signalled = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            signalled.set(true);
            onShutdown.run();
            out.println();
            out.println("agentmeter up: stopping (services, then Kafka, then PostgreSQL)");
            runner.close();
            out.println("agentmeter up: stopped");
            out.flush();
        }, "agentmeter-up-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        RunningSystem system;
        try {
            system = runner.start();
        } catch (StartupException e) {
            if (signalled.get()) {
                return 0;
            }
            removeHook(hook);
            err.println();
            err.println("agentmeter up: " + e.getMessage());
            err.println("agentmeter up: everything that had started was stopped");
            return 1;
        }
        out.print(Banner.render(system, (System.nanoTime() - started) / 1e9, Instant.now()));
        out.flush();

        try {
            runner.awaitStopped(); // by the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The embedded broker and PostgreSQL log through slf4j-simple in this JVM: into {@code stack.log}, not over the
     * progress lines. Must run before the first logger is made; -D settings on the command line win.
     */
    private static void logStackTo(UpOptions options) {
        try {
            Files.createDirectories(options.logDir());
        } catch (IOException e) {
            return; // the start reports the directory problem
        }
        setIfAbsent("org.slf4j.simpleLogger.logFile", options.logDir().resolve("stack.log").toString());
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; close() is idempotent
        }
    }
}
