package io.agentmeter.cli;

import io.agentmeter.cli.args.Args;
import io.agentmeter.cli.args.UsageException;
import io.agentmeter.cli.demo.DemoCatalog;
import io.agentmeter.cli.demo.DemoGenerator;
import io.agentmeter.cli.demo.DemoModel;
import io.agentmeter.cli.demo.DemoPlan;
import io.agentmeter.cli.demo.DemoRunner;
import io.agentmeter.cli.send.RetryPolicy;
import io.agentmeter.cli.send.SendException;
import io.agentmeter.pricing.PriceBook;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code agentmeter demo}: simulated agents sending realistic turns of real models. */
final class DemoCommand {

    static final String USAGE = """
            usage: agentmeter demo [options]

              Simulated agent teams (planner, researcher, coder, reviewer, summarizer, evaluator) calling real models
              of the shipped price book (%s), with realistic token counts, prompt caching, reasoning tokens, tool
              calls, some errors, model comparisons on the same prompts and two recordings. The same --seed gives the
              same turns (and event ids: sending them again counts them once).

              --turns N           turns in all (default 300)
              --days-back D       spread all but the live turns over the last D days (default 7; 0: all live)
              --live N            turns sent live, timed when sent (default max(30, turns/10))
              --rate R            live turns per second (default 5; 0: as fast as possible)
              --seed S            random seed (default: a new one, printed)
              --no-recordings     do not start the two recordings (they need the gateway)
              --batch N           events per request (default 200, at most 1000)
            """.formatted(DemoCatalog.MODELS.stream().map(DemoModel::model).collect(Collectors.joining(", ")))
            + Destination.HELP;

    private static final Set<String> OPTIONS = ImportCommand.union(Destination.OPTIONS,
            Set.of("turns", "days-back", "live", "rate", "seed", "batch"));
    private static final Set<String> FLAGS = ImportCommand.union(Destination.FLAGS, Set.of("no-recordings"));

    private DemoCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) throws UsageException {
        Args args = Args.parse(argv, OPTIONS, FLAGS);
        if (!args.positional().isEmpty()) {
            throw new UsageException("demo takes no arguments, got " + args.positional());
        }
        int turns = args.intValue("turns", 300, 1, 10_000_000);
        int daysBack = args.intValue("days-back", 7, 0, 3650);
        int live = args.intValue("live", Math.min(turns, Math.max(30, turns / 10)), 0, turns);
        double rate = args.doubleValue("rate", 5, 0);
        int batch = args.intValue("batch", 200, 1, 1000);
        long seed = args.value("seed") != null ? args.longValue("seed", 0) : new SecureRandom().nextInt(1_000_000);
        PrintStream report = args.flag("dry-run") ? err : out;

        PriceBook book = PriceBook.loadShipped();
        Instant now = Clock.systemUTC().instant();
        List<String> missing = DemoCatalog.unpriced(book, now);
        if (!missing.isEmpty()) {
            err.println("agentmeter demo: the shipped price book has no price for " + missing);
            return Main.EXIT_FAILED;
        }
        Instant anchor = now.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        DemoPlan plan = new DemoGenerator(seed, book).plan(turns, live, anchor, Duration.ofDays(daysBack),
                !args.flag("no-recordings"));
        report.printf("demo: seed %d (--seed %d replays it): %d turn(s), %d historic over %d day(s), %d live%n",
                seed, seed, plan.turns(), plan.historic().size(), daysBack, plan.turns() - plan.historic().size());
        try (Destination destination = Destination.from(args, env, out)) {
            report.println("demo: sending to " + destination.sink().describe());
            DemoRunner runner = new DemoRunner(destination.sink(), destination.gateway(), Clock.systemUTC(),
                    RetryPolicy.REAL_SLEEP, report, rate, batch);
            DemoRunner.Result result = runner.run(plan);
            report.printf("demo: %d sent, %d accepted, %d rejected, %d recording(s)%n", result.sent(),
                    result.accepted(), result.rejected(), result.recordings());
            return result.rejected() > 0 || result.invalid() > 0 ? Main.EXIT_FAILED : Main.EXIT_OK;
        } catch (SendException e) {
            err.println("agentmeter demo: " + e.getMessage());
            return Main.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILED;
        }
    }
}
