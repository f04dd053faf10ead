package io.agentmeter.cli.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.send.EventSink;
import io.agentmeter.cli.send.SendException;
import io.agentmeter.schema.activity.ActivityEventReader;
import io.agentmeter.schema.event.TurnEventReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Watch mode: follows log files as they grow, woken by file-change notifications ({@link FileChanges}) with a slow
 * poll as the fallback. Each round ({@link #pollOnce()}) lists the files under the roots
 * (new files are picked up), reads the complete lines added since the last round, lets the Claude Code parser close
 * responses that have stayed unchanged for the settle time, sends the events, and only then records in the
 * {@link WatchState} how far each file was read. A line being written (no line feed yet) is left for a later round.
 *
 * <p>A restart resumes at the recorded offsets. A Claude Code response whose lines are still arriving is not yet
 * sent; the recorded offset stays at its first line, so after a restart its lines are read again and it is sent
 * once complete. If sending fails, the round's reading is undone and done again next round; deterministic event ids
 * make anything sent twice count once.
 *
 * <p>A file shorter than what was read, or whose first line changed, was replaced: it is read again from the start.
 * A file whose device/inode changed but whose first line did not (moved, or copied over) is followed on.
 */
public final class Watcher {

    /** Bytes of the first line hashed to recognise a file. */
    private static final int FIRST_LINE_BYTES = 64 * 1024;

    private final List<Path> roots;
    private final ImportOptions options;
    private final EventSink sink;
    private final WatchState state;
    private final Clock clock;
    private final PrintStream log;
    private final EventPipeline pipeline;
    private final Map<Path, Tracked> tracked = new LinkedHashMap<>();
    /** Files whose format could not be told, with their size then: looked at again only once they change. */
    private final Map<Path, Long> undetected = new HashMap<>();

    public Watcher(List<Path> roots, ImportOptions options, EventSink sink, WatchState state, Clock clock,
                   PrintStream log) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.options = options;
        this.sink = sink;
        this.state = state;
        this.clock = clock;
        this.log = log;
        this.pipeline = new EventPipeline(options.defaults(), new TurnEventReader(clock),
                new ActivityEventReader(clock), new ImportSummary());
    }

    /** One file being followed. */
    private static final class Tracked {
        final Path path;
        final Format format;
        final FileContext context;
        LogParser parser;
        Position read;
        Position committed;
        ObjectNode committedState;
        String firstLineSha256;
        String fileKey;

        Tracked(Path path, Format format, FileContext context) {
            this.path = path;
            this.format = format;
            this.context = context;
        }
    }

    /**
     * One round: read what is new, send it, record how far.
     *
     * @return what this round found and sent
     * @throws SendException when the events could not be delivered; the round is undone and its lines will be read
     *                       again next round
     */
    public ImportSummary pollOnce() throws IOException, SendException {
        ImportSummary round = new ImportSummary();
        pipeline.summary(round);
        Instant now = clock.instant();
        List<Path> files = LogFiles.list(roots.stream().filter(Files::exists).toList());
        Set<Path> present = new HashSet<>(files);
        boolean changed = false;
        for (Path gone : new ArrayList<>(tracked.keySet())) {
            if (!present.contains(gone)) {
                tracked.remove(gone);
                state.remove(gone);
                changed = true;
                log.println("agentmeter: " + gone + " is gone; no longer followed");
            }
        }
        for (Path file : files) {
            try {
                Tracked t = tracked.get(file);
                if (t == null) {
                    t = startFollowing(file, round);
                    if (t == null) {
                        continue;
                    }
                }
                readNew(t);
            } catch (NoSuchFileException e) {
                // Deleted between listing and reading: forgotten next round.
            }
        }
        for (Tracked t : tracked.values()) {
            pipeline.format(t.format);
            t.parser.flush(pipeline, now, options.settle(), false);
        }
        try {
            pipeline.sendAll(sink, options.batchSize());
        } catch (SendException e) {
            pipeline.discardPending();
            tracked.values().forEach(this::rollBack);
            throw e;
        }
        for (Tracked t : tracked.values()) {
            Position committed = t.parser.heldFrom().orElse(t.read);
            ObjectNode parserState = t.parser.saveState();
            if (!committed.equals(t.committed) || !parserState.equals(t.committedState)) {
                changed = true;
            }
            t.committed = committed;
            t.committedState = parserState;
            state.put(t.path, new WatchState.Entry(t.format, committed, t.firstLineSha256, t.fileKey, parserState));
        }
        if (changed) {
            state.save();
        }
        return round;
    }

    /**
     * Rounds until {@code stop} says so: prints a line for each round that found something; between rounds waits for
     * a file under the roots to change (file-change notifications, {@link FileChanges}: on Linux inotify, so a new
     * line is sent within a second) or for {@code poll} to pass, whichever comes first; backs off (up to a minute,
     * without waking on changes) while the destination cannot be reached.
     *
     * @return 0 when stopped, 1 when the destination refused the events for good (e.g. a wrong key)
     */
    public int run(BooleanSupplier stop, PrintStream out) throws InterruptedException {
        try (FileChanges changes = FileChanges.open()) {
            return run(stop, out, changes);
        }
    }

    private int run(BooleanSupplier stop, PrintStream out, FileChanges changes) throws InterruptedException {
        Duration wait = options.poll();
        changes.watch(roots);
        while (!stop.getAsBoolean()) {
            try {
                ImportSummary round = pollOnce();
                report(round, out);
                wait = options.poll();
            } catch (SendException e) {
                if (!e.retryable()) {
                    log.println("agentmeter: " + e.getMessage());
                    return 1;
                }
                wait = wait.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1)
                        : wait.multipliedBy(2);
                log.println("agentmeter: " + e.getMessage() + "; trying again in " + wait.toSeconds() + "s");
            } catch (IOException e) {
                log.println("agentmeter: " + e);
            }
            changes.watch(roots);
            if (wait.equals(options.poll())) {
                changes.await(wait, stop);
            } else {
                // Backing off: the destination is away, new lines would only fail again.
                long until = System.nanoTime() + wait.toNanos();
                while (!stop.getAsBoolean() && System.nanoTime() < until) {
                    Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
            }
        }
        return 0;
    }

    private void report(ImportSummary round, PrintStream out) {
        if (round.events() == 0 && round.problemCount() == 0 && round.unrecognised().isEmpty()) {
            return;
        }
        LocalTime time = LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS);
        out.printf("%s sent %d turn event(s): %d accepted, %d rejected; %d problem(s)%n", time, round.events(),
                round.accepted(), round.rejected(), round.problemCount());
        round.problems().forEach(p -> out.println("problem " + p));
        round.unrecognised().forEach(f -> out.println("skipped " + f + ": format not recognised"));
        out.flush();
    }

    private Tracked startFollowing(Path file, ImportSummary round) throws IOException {
        Optional<WatchState.Entry> saved = state.get(file);
        Format format;
        if (saved.isPresent()) {
            format = saved.get().format();
        } else if (options.format() != null) {
            format = options.format();
        } else {
            long size = Files.size(file);
            if (Objects.equals(undetected.get(file), size)) {
                return null;
            }
            Optional<Format> detected = FormatDetector.detect(file);
            if (detected.isEmpty()) {
                if (!undetected.containsKey(file) && size > 0) {
                    round.unrecognised(file);
                }
                undetected.put(file, size);
                return null;
            }
            undetected.remove(file);
            format = detected.get();
        }
        Tracked t = new Tracked(file, format, new FileContext(file, Files.getLastModifiedTime(file).toInstant()));
        t.parser = format.newParser(t.context);
        if (saved.isPresent()) {
            t.parser.restoreState(saved.get().parser());
            t.read = saved.get().position();
            t.firstLineSha256 = saved.get().firstLineSha256();
            t.fileKey = saved.get().fileKey();
        } else {
            t.read = Position.START;
        }
        t.committed = t.read;
        t.committedState = t.parser.saveState();
        tracked.put(file, t);
        round.file(format);
        return t;
    }

    private void readNew(Tracked t) throws IOException {
        long size = Files.size(t.path);
        String key = fileKey(t.path);
        if (size < t.read.offset()) {
            restart(t, "is shorter than what was read (truncated or replaced)");
        } else if (size > t.read.offset() || !Objects.equals(key, t.fileKey)) {
            String first = firstLineSha256(t.path);
            if (t.firstLineSha256 != null && first != null && !first.equals(t.firstLineSha256)) {
                restart(t, "has another first line (replaced)");
            }
            if (t.firstLineSha256 == null) {
                t.firstLineSha256 = first;
            }
            t.fileKey = key;
        }
        if (Files.size(t.path) == t.read.offset()) {
            return;
        }
        pipeline.format(t.format);
        try (LineReader reader = new LineReader(t.path, t.read)) {
            Lines.feed(reader, t.parser, pipeline);
            t.read = reader.position();
        }
    }

    private void restart(Tracked t, String why) throws IOException {
        log.println("agentmeter: " + t.path + " " + why + "; reading it again from the start");
        t.parser = t.format.newParser(t.context);
        t.read = Position.START;
        t.committed = Position.START;
        t.committedState = t.parser.saveState();
        t.firstLineSha256 = firstLineSha256(t.path);
    }

    private void rollBack(Tracked t) {
        t.parser = t.format.newParser(t.context);
        t.parser.restoreState(t.committedState);
        t.read = t.committed;
    }

    /** The file system's identity of the file (device and inode on Unix), or null. */
    static String fileKey(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return key == null ? null : key.toString();
    }

    /** SHA-256 of the first line (with its line feed; at most 64 KiB), or null while it is not complete. */
    static String firstLineSha256(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(FIRST_LINE_BYTES);
        }
        int end = -1;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == '\n') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            if (head.length < FIRST_LINE_BYTES) {
                return null;
            }
            end = head.length;
        }
        return java.util.HexFormat.of().formatHex(EventIds.sha256(Arrays.copyOf(head, end)));
    }
}
