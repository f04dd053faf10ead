package io.agentmeter.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link SoakBenchmark} writes: {@code samples.csv}, one row a sample as it is taken (so a run cut short still
 * leaves its samples), and {@code summary.md} at the end: per JVM the heap after GC at the start, averaged over the
 * first and the last window (10 minutes, or a third of a shorter run), at the end, and its least-squares slope; the
 * lag, freshness and answer times; the exactly-once check; and the classes that grew most between the two class
 * histograms.
 *
 * <p>A JVM's heap is called <em>flat</em> when the last window's mean is within 10% or 5 MB (the larger) of the first
 * window's mean, and <em>grows</em> otherwise; the slope over the second half says whether a growth is still going on.
 */
final class SoakReport {

    /** Exactly-once and completeness at the end. */
    record Check(long sent, long acknowledged, long resentBatches, long refusedTries, long rejectedItems,
                 long storedIds, long storedRows, long missing, long storedTwice, long storedNotSent,
                 long summaryTurns, long liveTurns, long liveConnects, long queryErrors, double drainSeconds) {

        boolean exactlyOnce() {
            return missing == 0 && storedTwice == 0 && storedNotSent == 0 && storedRows == storedIds;
        }
    }

    /** Freshness of the turns that occurred in a window: ingested_at - occurred_at. */
    record Freshness(String window, long turns, double p50Ms, double p99Ms, double maxMs) {
    }

    private final Path csv;
    private final Path summary;
    private final String run;
    private final SoakBenchmark.Options options;
    private final List<String> groups;
    private final List<String> jvms;
    private List<String> columns;

    SoakReport(Path out, String run, SoakBenchmark.Options options, List<String> groups, List<String> jvms) {
        this.csv = out.resolve("samples.csv");
        this.summary = out.resolve("summary.md");
        this.run = run;
        this.options = options;
        this.groups = groups;
        this.jvms = jvms;
    }

    void append(Map<String, Object> row) throws IOException {
        StringBuilder text = new StringBuilder();
        if (columns == null) {
            columns = new ArrayList<>(row.keySet());
            text.append(String.join(",", columns)).append('\n');
        }
        text.append(columns.stream().map(c -> format(row.get(c))).collect(Collectors.joining(","))).append('\n');
        Files.writeString(csv, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d.isNaN() ? "" : String.format(Locale.ROOT, "%.1f", d);
        }
        return value.toString();
    }

    /** One line on the console for a sample. */
    String line(Map<String, Object> row) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5ss load %s  acked %s/%s due, stored %s",
                row.get("t_s"), row.get("load1"), row.get("acked"), row.get("due"), row.get("stored")));
        for (String group : groups) {
            line.append(", lag ").append(group).append(' ').append(format(row.get("lag:" + group)));
        }
        line.append(", fresh p50/p99 ").append(format(row.get("fresh_p50_ms"))).append('/')
                .append(format(row.get("fresh_p99_ms"))).append(" ms; heap after GC MB:");
        for (String jvm : jvms) {
            line.append(' ').append(jvm).append(' ').append(format(row.get(jvm + ":heap_after_gc_mb")));
        }
        return line.toString();
    }

    String summary(List<Map<String, Object>> samples, Duration window, Check check, List<Freshness> freshness,
                   Map<String, Map<String, Long>> firstHistograms, Map<String, Map<String, Long>> lastHistograms,
                   Instant started, String loadAtEnd) throws IOException {
        List<Map<String, Object>> load = samples.stream().filter(s -> "load".equals(s.get("phase"))).toList();
        double end = load.isEmpty() ? 0 : number(load.get(load.size() - 1), "t_s");
        double w = window.toSeconds();
        List<Map<String, Object>> first = load.stream().filter(s -> number(s, "t_s") <= w).toList();
        List<Map<String, Object>> last = load.stream().filter(s -> number(s, "t_s") > end - w).toList();
        List<Map<String, Object>> secondHalf = load.stream().filter(s -> number(s, "t_s") > end / 2).toList();
        String firstName = "first " + window.toMinutes() + " min";
        String lastName = "last " + window.toMinutes() + " min";
        if (window.toSeconds() % 60 != 0) {
            firstName = "first " + window.toSeconds() + " s";
            lastName = "last " + window.toSeconds() + " s";
        }

        StringBuilder md = new StringBuilder();
        md.append("# Soak ").append(run).append("\n\n");
        md.append(String.format(Locale.ROOT, "%.0f turns/s offered (batches of %d over HTTP) for %.1f min from %s,"
                        + " a sample every %d s (%d samples); %d cores; load average %s at the first sample, %s at the"
                        + " end. Heap after GC: a full GC forced over JMX, then the heap the collector left.%n%n",
                options.rate(), options.batch(), options.minutes(), started, options.sampleSeconds(), load.size(),
                Runtime.getRuntime().availableProcessors(), load.isEmpty() ? "" : load.get(0).get("load1"),
                loadAtEnd));

        md.append("## Heap after a full GC, MB\n\n");
        md.append("| JVM | start | mean ").append(firstName).append(" | mean ").append(lastName)
                .append(" | end | slope whole run | slope 2nd half | verdict | RSS start → end | threads start → end"
                        + " | restarts |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String jvm : jvms) {
            String h = jvm + ":heap_after_gc_mb";
            double a = mean(first, h);
            double b = mean(last, h);
            boolean flat = b - a <= Math.max(5, 0.10 * a);
            long restarts = load.stream().map(s -> s.get(jvm + ":pid")).filter(p -> p != null && !"".equals(p))
                    .distinct().count() - 1;
            md.append(String.format(Locale.ROOT,
                    "| %s | %.1f | %.1f | %.1f | %.1f | %+.1f MB/h | %+.1f MB/h | %s | %.0f → %.0f | %.0f → %.0f | %d |%n",
                    jvm, firstValue(load, h), a, b, lastValue(load, h), slopePerHour(load, h),
                    slopePerHour(secondHalf, h), Double.isNaN(a) || Double.isNaN(b) ? "?" : flat ? "flat" : "grows",
                    firstValue(load, jvm + ":rss_mb"), lastValue(load, jvm + ":rss_mb"),
                    firstValue(load, jvm + ":threads"), lastValue(load, jvm + ":threads"), Math.max(0, restarts)));
        }
        md.append("\nMean CPU over the run, % of one core:");
        for (String jvm : jvms) {
            md.append(String.format(Locale.ROOT, " %s %.0f;", jvm, mean(load, jvm + ":cpu_pct")));
        }
        md.append(String.format(Locale.ROOT, " the forced full GC paused %s ms at most.%n%n", jvms.stream()
                .map(j -> String.format(Locale.ROOT, "%s %.0f", j, max(load, j + ":full_gc_ms")))
                .collect(Collectors.joining(", "))));

        md.append("## Lag, freshness, answers\n\n");
        md.append("| | ").append(firstName).append(" | ").append(lastName).append(" | whole run |\n|---|---|---|---|\n");
        for (String group : groups) {
            String c = "lag:" + group;
            md.append(String.format(Locale.ROOT, "| lag %s, max (records) | %s | %s | %s |%n", group,
                    lag(max(first, c)), lag(max(last, c)), lag(max(load, c))));
        }
        Freshness f1 = freshness.get(0);
        Freshness f2 = freshness.get(1);
        Freshness f3 = freshness.get(2);
        md.append(String.format(Locale.ROOT, "| freshness p50 / p99 / max, ms (stored − occurred, every turn) |"
                        + " %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f |%n", f1.p50Ms(), f1.p99Ms(),
                f1.maxMs(), f2.p50Ms(), f2.p99Ms(), f2.maxMs(), f3.p50Ms(), f3.p99Ms(), f3.maxMs()));
        md.append(String.format(Locale.ROOT, "| newest stored turn's age at the samples, max ms | %.0f | %.0f | %.0f |%n",
                max(first, "newest_age_ms"), max(last, "newest_age_ms"), max(load, "newest_age_ms")));
        md.append(String.format(Locale.ROOT, "| sink's own freshness p99 (its 2-min window), max ms | %.0f | %.0f | %.0f"
                        + " |%n", max(first, "sink_fresh_p99_ms"), max(last, "sink_fresh_p99_ms"),
                max(load, "sink_fresh_p99_ms")));
        md.append(String.format(Locale.ROOT, "| gateway answer p99 (per sample), max ms | %.0f | %.0f | %.0f |%n",
                max(first, "ack_p99_ms"), max(last, "ack_p99_ms"), max(load, "ack_p99_ms")));
        md.append(String.format(Locale.ROOT, "| query p99 (per sample), max ms | %.0f | %.0f | %.0f |%n",
                max(first, "query_p99_ms"), max(last, "query_p99_ms"), max(load, "query_p99_ms")));
        md.append(String.format(Locale.ROOT, "| turns stored in the window | %d | %d | %d |%n%n", f1.turns(),
                f2.turns(), f3.turns()));

        md.append("## Every acknowledged turn stored once\n\n");
        md.append(String.format(Locale.ROOT, "sent %,d turns, acknowledged %,d (%d refused tries, %d items rejected;"
                        + " %d batches sent a second time); stored %,d rows of %,d ids: missing %d, stored twice %d,"
                        + " stored but never sent %d; all stored %.1f s after the last send. Query API summary: %,d"
                        + " turns; live stream: %,d turn events (%d connections); query errors %d. **%s**%n%n",
                check.sent(), check.acknowledged(),
                check.refusedTries(), check.rejectedItems(), check.resentBatches(), check.storedRows(),
                check.storedIds(), check.missing(), check.storedTwice(), check.storedNotSent(), check.drainSeconds(),
                check.summaryTurns(), check.liveTurns(), check.liveConnects(), check.queryErrors(),
                !check.exactlyOnce() ? "NOT exactly once" : check.summaryTurns() == check.storedRows()
                        && (check.liveTurns() < 0 || check.liveTurns() == check.storedRows()) ? "exactly once"
                        : "exactly once in turns (the summary or the live stream differ)"));

        md.append("## Classes that grew most (live bytes, class histogram at ").append(options.histogramAtMinutes())
                .append(" min vs the end)\n\n");
        for (String jvm : jvms) {
            Map<String, Long> a = firstHistograms.get(jvm);
            Map<String, Long> b = lastHistograms.get(jvm);
            if (a == null || b == null) {
                continue;
            }
            long total = b.values().stream().mapToLong(Long::longValue).sum()
                    - a.values().stream().mapToLong(Long::longValue).sum();
            md.append(String.format(Locale.ROOT, "- %s (%+.1f MB in all): ", jvm, total / 1048576.0));
            md.append(b.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - a.getOrDefault(e.getKey(),
                    0L))).filter(e -> e.getValue() > 0).sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                    .limit(6).map(e -> String.format(Locale.ROOT, "`%s` %+,d KB", e.getKey(), e.getValue() / 1024))
                    .collect(Collectors.joining(", ")));
            md.append('\n');
        }
        String text = md.toString();
        Files.writeString(summary, text, StandardCharsets.UTF_8);
        return text;
    }

    /** A group's lag, or that it committed nothing (-1: it had no record to read). */
    private static String lag(double max) {
        return Double.isNaN(max) ? "?" : max < 0 ? "nothing committed" : String.format(Locale.ROOT, "%.0f", max);
    }

    // ---- statistics over the samples ---------------------------------------------------------------------------

    private static double number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && !s.isEmpty()) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static double[] values(List<Map<String, Object>> rows, String column) {
        return rows.stream().mapToDouble(r -> number(r, column)).filter(v -> !Double.isNaN(v)).toArray();
    }

    static double mean(List<Map<String, Object>> rows, String column) {
        double[] v = values(rows, column);
        return v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double max(List<Map<String, Object>> rows, String column) {
        double[] v = values(rows, column);
        return v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static double firstValue(List<Map<String, Object>> rows, String column) {
        double[] v = values(rows, column);
        return v.length == 0 ? Double.NaN : v[0];
    }

    private static double lastValue(List<Map<String, Object>> rows, String column) {
        double[] v = values(rows, column);
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    /** Least-squares slope of {@code column} against time, per hour. */
    static double slopePerHour(List<Map<String, Object>> rows, String column) {
        List<double[]> points = rows.stream().map(r -> new double[] {number(r, "t_s"), number(r, column)})
                .filter(p -> !Double.isNaN(p[1])).toList();
        int n = points.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx * 3600;
    }
}
