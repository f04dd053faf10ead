package io.agentmeter.cli;

import io.agentmeter.cli.args.Args;
import io.agentmeter.cli.args.UsageException;
import io.agentmeter.cli.importer.EventDefaults;
import io.agentmeter.cli.importer.EventIds;
import io.agentmeter.cli.importer.Format;
import io.agentmeter.cli.importer.ImportOptions;
import io.agentmeter.cli.importer.ImportSummary;
import io.agentmeter.cli.importer.Importer;
import io.agentmeter.cli.importer.WatchState;
import io.agentmeter.cli.importer.Watcher;
import io.agentmeter.cli.send.SendException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code agentmeter import}: agent logs to turn events. */
final class ImportCommand {

    static final String USAGE = """
            usage: agentmeter import [options] <file or directory>...

              Reads Claude Code transcripts (~/.claude/projects), Codex CLI sessions (~/.codex/sessions), ZeroClaw's
              state/costs.jsonl, and JSONL of OpenAI / Anthropic usage objects; directories are read recursively
              (*.jsonl, *.ndjson). ZeroClaw's state/runtime-trace.jsonl becomes activity events (tool calls, replies,
              errors; sent to /v1/activity, never spend). Each file's format is detected from its content.
              Re-importing is safe: event ids are derived from the logs, so an event is counted once however often
              it is sent.

              --format F          force the format of every file: claude-code, codex, zeroclaw, zeroclaw-trace, usage
              --watch             keep following the files as they grow (Ctrl-C stops; progress is kept in --state)
              --state FILE        watch mode's state file (default ~/.agentmeter/watch/<hash of paths and destination>.json)
              --poll D            watch mode: new lines are sent as the files change (inotify on Linux);
                                  at the latest every D (default 5s)
              --settle D          watch mode: how long a Claude Code response may stay unchanged before it is sent
                                  (default 30s)
              --batch N           events per request (default 500, at most 1000)
              --project P         set the project of every event
              --agent A           set the agent of every event
              --user U            set the user_id of every event
              --label k=v         add a label to every event (repeatable)
              --ignore-reported-cost  leave the logs' own costs out, so the price book prices every turn
              --max-problems N    problems listed in the summary (default 50)
            """ + Destination.HELP + """

              exit status: 0 done (lines that could not be read are listed, not fatal); 1 sending failed or the
              destination rejected events; 2 wrong usage or a path that does not exist
            """;

    private static final Set<String> OPTIONS = union(Destination.OPTIONS, Set.of("format", "state", "poll", "settle",
            "batch", "project", "agent", "user", "label", "max-problems"));
    private static final Set<String> FLAGS = union(Destination.FLAGS, Set.of("watch", "ignore-reported-cost"));

    private ImportCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env)
            throws UsageException {
        Args args = Args.parse(argv, OPTIONS, FLAGS);
        if (args.positional().isEmpty()) {
            throw new UsageException("import needs at least one file or directory");
        }
        List<Path> roots = new ArrayList<>();
        for (String path : args.positional()) {
            Path root = Path.of(path);
            if (!Files.exists(root)) {
                throw new UsageException("no such file or directory: " + path);
            }
            roots.add(root);
        }
        Format format = null;
        if (args.value("format") != null) {
            format = Format.byId(args.value("format")).orElseThrow(() -> new UsageException(
                    "--format must be one of " + Format.ids() + ", got " + args.value("format")));
        }
        EventDefaults defaults = new EventDefaults(args.value("project"), args.value("agent"), args.value("user"),
                args.pairs("label"), args.flag("ignore-reported-cost"));
        ImportOptions options = new ImportOptions(format, args.intValue("batch", ImportOptions.DEFAULT_BATCH, 1, 1000),
                defaults, positive(args.durationValue("poll", ImportOptions.DEFAULT_POLL), "poll"),
                args.durationValue("settle", ImportOptions.DEFAULT_SETTLE));
        int maxProblems = args.intValue("max-problems", 50, 0, Integer.MAX_VALUE);
        boolean dryRun = args.flag("dry-run");
        // With --dry-run the events go to standard output; messages and the summary go to standard error.
        PrintStream report = dryRun ? err : out;
        try (Destination destination = Destination.from(args, env, out)) {
            if (args.flag("watch")) {
                Path state = args.value("state") != null ? Path.of(args.value("state"))
                        : defaultStateFile(roots, destination.id());
                return watch(roots, options, destination, state, report, err);
            }
            if (args.value("state") != null) {
                throw new UsageException("--state goes with --watch");
            }
            return once(roots, options, destination, report, err, maxProblems);
        }
    }

    private static int once(List<Path> roots, ImportOptions options, Destination destination, PrintStream report,
                            PrintStream err, int maxProblems) {
        ImportSummary summary;
        try {
            summary = new Importer(options, destination.sink(), Clock.systemUTC()).run(roots);
        } catch (NoSuchFileException e) {
            err.println("agentmeter: no such file or directory: " + e.getFile());
            return Main.EXIT_USAGE;
        } catch (IOException e) {
            err.println("agentmeter: " + e);
            return Main.EXIT_FAILED;
        } catch (SendException e) {
            err.println("agentmeter: sending to " + destination.sink().describe() + " failed: " + e.getMessage());
            if (e.retryable()) {
                err.println("agentmeter: nothing is lost: run the same import again (event ids make it count once)");
            }
            return Main.EXIT_FAILED;
        }
        summary.print(report, maxProblems);
        return summary.rejected() > 0 ? Main.EXIT_FAILED : Main.EXIT_OK;
    }

    private static int watch(List<Path> roots, ImportOptions options, Destination destination, Path stateFile,
                             PrintStream report, PrintStream err) {
        Path lockFile = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    err.println("agentmeter: another watcher is using " + stateFile + "; give this one --state");
                    return Main.EXIT_FAILED;
                }
                WatchState state = WatchState.load(stateFile);
                err.println("agentmeter: watching " + roots + " -> " + destination.sink().describe() + " (state "
                        + stateFile + ", " + state.size() + " file(s) known); Ctrl-C stops");
                Watcher watcher = new Watcher(roots, options, destination.sink(), state, Clock.systemUTC(), err);
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch stopped = new CountDownLatch(1);
                // Ctrl-C: let the round in progress finish and record its progress, then let the JVM exit.
                Thread hook = new Thread(() -> {
                    Main.shuttingDown();
                    stop.set(true);
                    try {
                        stopped.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "agentmeter-watch-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                int status;
                try {
                    status = watcher.run(stop::get, report);
                } finally {
                    stopped.countDown();
                }
                if (!stop.get()) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                return status;
            }
        } catch (IOException e) {
            err.println("agentmeter: " + e);
            return Main.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_OK;
        }
    }

    /** ~/.agentmeter/watch/&lt;first 16 hex of sha256(paths, destination)&gt;.json: one state per set of paths and destination. */
    static Path defaultStateFile(List<Path> roots, String destination) {
        List<String> paths = roots.stream().map(p -> p.toAbsolutePath().normalize().toString()).sorted().toList();
        String hash = EventIds.sha256Hex(String.join("\n", paths) + "\n" + destination).substring(0, 16);
        return Path.of(System.getProperty("user.home"), ".agentmeter", "watch", hash + ".json");
    }

    private static Duration positive(Duration duration, String name) throws UsageException {
        if (duration.isZero() || duration.isNegative()) {
            throw new UsageException("--" + name + " must be more than 0");
        }
        return duration;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
