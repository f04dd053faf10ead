package io.agentmeter.cli;

import io.agentmeter.cli.args.UsageException;
import io.agentmeter.cli.up.UpCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agentmeter command line: {@code up} (run the whole system), {@code import} (agent logs to turn events) and
 * {@code demo} (simulated agents). Run by {@code bin/agentmeter up|import|demo ...}.
 */
public final class Main {

    public static final int EXIT_OK = 0;
    /** Sending failed, or the destination rejected events. */
    public static final int EXIT_FAILED = 1;
    /** A wrong command line. */
    public static final int EXIT_USAGE = 2;

    static final String USAGE = """
            usage: agentmeter <command> [options]

              up                 run the whole system here: Kafka, PostgreSQL, gateway, aggregator, writer, query API
              import <path>...   turn Claude Code, Codex, ZeroClaw and usage logs into turn events and send them
              demo               run simulated agents that send realistic turns of real models

            agentmeter <command> --help shows the command's options.
            """;

    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private Main() {
    }

    public static void main(String[] args) {
        // kafka-clients logs through SLF4J (slf4j-simple here): warnings only, on standard error.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int status = run(args, System.out, System.err, System.getenv());
        if (!SHUTTING_DOWN.get()) {
            // Not while the JVM is already shutting down (Ctrl-C in watch mode): System.exit would block for good.
            System.exit(status);
        }
    }

    /** Set by a shutdown hook: the JVM is exiting already. */
    static void shuttingDown() {
        SHUTTING_DOWN.set(true);
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0 || isHelp(args[0])) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String usage = switch (command) {
            case "import" -> ImportCommand.USAGE;
            case "demo" -> DemoCommand.USAGE;
            case "up" -> UpCommand.USAGE;
            default -> null;
        };
        if (usage == null) {
            err.println("agentmeter: unknown command '" + command + "'");
            err.print(USAGE);
            return EXIT_USAGE;
        }
        if (Arrays.stream(rest).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            out.print(usage);
            return EXIT_OK;
        }
        try {
            return switch (command) {
                case "import" -> ImportCommand.run(rest, out, err, env);
                case "up" -> UpCommand.run(rest, out, err, env, Main::shuttingDown);
                default -> DemoCommand.run(rest, out, err, env);
            };
        } catch (UsageException e) {
            err.println("agentmeter " + command + ": " + e.getMessage());
            err.print(usage);
            return EXIT_USAGE;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }
}
