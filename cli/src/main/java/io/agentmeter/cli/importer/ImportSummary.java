package io.agentmeter.cli.importer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What an import did: per format, files, events, duplicates, ignored lines and problems; and what was sent. */
public final class ImportSummary {

    /** Problems kept for the report; the rest are only counted. */
    static final int PROBLEMS_KEPT = 1000;

    /** Counts of one format. */
    public static final class PerFormat {
        private int files;
        private long events;
        private long duplicates;
        private long problems;
        private final Map<String, Long> ignored = new TreeMap<>();

        public int files() {
            return files;
        }

        public long events() {
            return events;
        }

        public long duplicates() {
            return duplicates;
        }

        public long problems() {
            return problems;
        }

        public Map<String, Long> ignored() {
            return Collections.unmodifiableMap(ignored);
        }

        public long ignoredLines() {
            return ignored.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Map<Format, PerFormat> formats = new EnumMap<>(Format.class);
    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<Path> unrecognised = new ArrayList<>();
    private long problemCount;
    private long accepted;
    private long rejected;

    public PerFormat of(Format format) {
        return formats.computeIfAbsent(format, f -> new PerFormat());
    }

    void file(Format format) {
        of(format).files++;
    }

    void event(Format format) {
        of(format).events++;
    }

    void duplicate(Format format) {
        of(format).duplicates++;
    }

    void ignored(Format format, String kind) {
        of(format).ignored.merge(kind, 1L, Long::sum);
    }

    void problem(Format format, String where, String reason) {
        if (format != null) {
            of(format).problems++;
        }
        problemCount++;
        if (problems.size() < PROBLEMS_KEPT) {
            problems.add(new ImportProblem(where, reason));
        }
    }

    void unrecognised(Path file) {
        unrecognised.add(file);
    }

    void sent(long acceptedEvents, long rejectedEvents) {
        accepted += acceptedEvents;
        rejected += rejectedEvents;
    }

    /** Adds another summary's counts (watch mode adds up its rounds). */
    public void add(ImportSummary other) {
        other.formats.forEach((format, counts) -> {
            PerFormat mine = of(format);
            mine.files += counts.files;
            mine.events += counts.events;
            mine.duplicates += counts.duplicates;
            mine.problems += counts.problems;
            counts.ignored.forEach((kind, n) -> mine.ignored.merge(kind, n, Long::sum));
        });
        for (ImportProblem problem : other.problems) {
            if (problems.size() < PROBLEMS_KEPT) {
                problems.add(problem);
            }
        }
        problemCount += other.problemCount;
        unrecognised.addAll(other.unrecognised);
        accepted += other.accepted;
        rejected += other.rejected;
    }

    public long events() {
        return formats.values().stream().mapToLong(PerFormat::events).sum();
    }

    public long problemCount() {
        return problemCount;
    }

    /** The first {@value #PROBLEMS_KEPT} problems. */
    public List<ImportProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    public List<Path> unrecognised() {
        return Collections.unmodifiableList(unrecognised);
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    /** The report: one line per format, then every problem as {@code path:line: reason}. */
    public void print(PrintStream out, int maxProblems) {
        for (Map.Entry<Format, PerFormat> entry : formats.entrySet()) {
            PerFormat f = entry.getValue();
            String what = entry.getKey() == Format.ZEROCLAW_TRACE ? "activity" : "turn";
            out.printf("%s: %d file(s), %d %s event(s), %d duplicate(s), %d line(s) ignored, %d problem(s)%n",
                    entry.getKey().id(), f.files, f.events, what, f.duplicates, f.ignoredLines(), f.problems);
            f.ignored.forEach((kind, n) -> out.printf("    ignored %d: %s%n", n, kind));
        }
        for (Path file : unrecognised) {
            out.println("skipped " + file + ": format not recognised (use --format " + Format.ids().replace(", ", "|")
                    + ")");
        }
        out.printf("sent: %d accepted, %d rejected%n", accepted, rejected);
        int shown = 0;
        for (ImportProblem problem : problems) {
            if (shown++ == maxProblems) {
                break;
            }
            out.println("problem " + problem);
        }
        if (problemCount > Math.min(maxProblems, problems.size())) {
            out.printf("... %d more problem(s)%n", problemCount - Math.min(maxProblems, problems.size()));
        }
    }
}
