package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.cli.send.SendException;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch mode: follows growing files, resumes where it stopped, never consumes half a line. */
class WatcherTest {

    private static final String CODEX =
            "codex/madshn+localpush/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl";
    private static final String SESSION = "019c8bfe-ec25-79e0-97d7-bda6a9c575ff";

    @TempDir
    Path dir;
    private Path stateFile;
    private CollectingSink sink;
    private MutableClock clock;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        stateFile = dir.resolve("state/watch.json");
        sink = new CollectingSink();
        clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    }

    /** A watcher as after a (re)start: the state is read from its file. */
    private Watcher startWatcher(Path logs) throws Exception {
        return new Watcher(List.of(logs), ImportOptions.standard(), sink, WatchState.load(stateFile), clock,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private static List<String> lines(String fixture) throws Exception {
        return Files.readAllLines(TestLogs.path(fixture), StandardCharsets.UTF_8);
    }

    /** Appends lines {@code from}..{@code to} (1-based, inclusive), each with its line feed. */
    private static void append(Path file, List<String> lines, int from, int to) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(lines.get(i - 1)).append('\n');
        }
        appendText(file, text.toString());
    }

    private static void appendText(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void shouldResumeAtTheSavedOffsetAfterARestart() throws Exception {
        List<String> codex = lines(CODEX);
        Path logs = Files.createDirectories(dir.resolve("sessions"));
        Path file = logs.resolve("rollout-test.jsonl");

        // Lines 1-20: the first turn (line 18); line 19 is a function_call_output, 20 a turn_context.
        append(file, codex, 1, 20);
        startWatcher(logs).pollOnce();
        assertThat(sink.ids()).containsExactly("codex:" + SESSION + ":42976");
        WatchState saved = WatchState.load(stateFile);
        long offsetAfter20 = Files.size(file);
        assertThat(saved.get(file).orElseThrow().position()).isEqualTo(new Position(offsetAfter20, 20));

        // Restart. Line 21 re-emits the total of line 18: the saved Codex state knows it, so it is not a turn
        // (nor are 30 and 39, re-emitting 27 and 36).
        append(file, codex, 21, 40);
        Watcher restarted = startWatcher(logs);
        ImportSummary round = restarted.pollOnce();
        assertThat(round.of(Format.CODEX).ignored())
                .containsEntry("repeated token_count (cumulative total unchanged)", 3L);
        assertThat(sink.ids()).containsExactly("codex:" + SESSION + ":42976", "codex:" + SESSION + ":87290",
                "codex:" + SESSION + ":136504");

        append(file, codex, 41, codex.size());
        restarted.pollOnce();
        restarted.pollOnce();

        // The same 6 turns as a one-off import of the whole file, each sent once.
        assertThat(sink.ids()).isEqualTo(TestLogs.importPaths(TestLogs.path(CODEX)).events().stream()
                .map(TurnEvent::eventId).toList());
        assertThat(sink.events.stream().mapToLong(e -> e.usage().totalTokens()).sum()).isEqualTo(299_496);
    }

    @Test
    void shouldNotConsumeAHalfWrittenLine() throws Exception {
        List<String> codex = lines(CODEX);
        Path logs = Files.createDirectories(dir.resolve("sessions"));
        Path file = logs.resolve("rollout-test.jsonl");
        String turnLine = codex.get(17); // line 18: the first turn's token_count

        append(file, codex, 1, 17);
        long complete = Files.size(file);
        appendText(file, turnLine.substring(0, 100));
        startWatcher(logs).pollOnce();

        assertThat(sink.events).isEmpty();
        assertThat(WatchState.load(stateFile).get(file).orElseThrow().position())
                .isEqualTo(new Position(complete, 17));

        // The rest of the line arrives, after a restart: it is read once, whole.
        appendText(file, turnLine.substring(100) + "\n");
        Watcher restarted = startWatcher(logs);
        ImportSummary round = restarted.pollOnce();
        restarted.pollOnce();

        assertThat(round.problemCount()).isZero();
        assertThat(sink.ids()).containsExactly("codex:" + SESSION + ":42976");
    }

    /*
     * claude-code/marot+spotter/short.jsonl: lines 5, 6, 7, 8 and 10 are one API response; tool_use Bash is on line 8
     * and Glob on line 10. Reading stops after line 7: the response is held back (not sent), and the saved offset
     * stays at the start of line 5, so after a restart the response is read again whole and sent once, with both
     * tools.
     */
    @Test
    void shouldSendAClaudeCodeResponseSplitAcrossReadsOnceAndWhole() throws Exception {
        List<String> claude = lines("claude-code/marot+spotter/short.jsonl");
        Path logs = Files.createDirectories(dir.resolve("projects/spotter"));
        Path file = logs.resolve("55604662-cf2a-4331-851a-ec234028f8ca.jsonl");

        append(file, claude, 1, 4);
        long line5 = Files.size(file);
        append(file, claude, 5, 7);
        startWatcher(logs).pollOnce();

        assertThat(sink.events).isEmpty();
        assertThat(WatchState.load(stateFile).get(file).orElseThrow().position()).isEqualTo(new Position(line5, 4));

        append(file, claude, 8, claude.size());
        Watcher restarted = startWatcher(logs);
        restarted.pollOnce();
        assertThat(sink.events).as("still growing within the settle time").isEmpty();

        clock.advance(ImportOptions.DEFAULT_SETTLE.plusSeconds(1));
        restarted.pollOnce();
        clock.advance(Duration.ofMinutes(5));
        restarted.pollOnce();

        assertThat(sink.events).hasSize(1);
        TurnEvent turn = sink.events.get(0);
        assertThat(turn.usage()).isEqualTo(new Usage(25_353L, 13L, 11_515L, 0L, 13_835L, null, null));
        assertThat(turn.tools()).containsExactly(new ToolUse("Bash", 1, null, null, null),
                new ToolUse("Glob", 1, null, null, null));
        assertThat(WatchState.load(stateFile).get(file).orElseThrow().position())
                .isEqualTo(new Position(Files.size(file), claude.size()));
    }

    @Test
    void shouldSendAResponseWithAStopReasonOnceARoundAddsNothingToIt() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("projects/p"));
        Path file = logs.resolve("s.jsonl");
        String line = "{\"type\":\"assistant\",\"timestamp\":\"2026-03-01T10:00:0%dZ\",\"sessionId\":\"s\","
                + "\"requestId\":\"r-1\",\"message\":{\"id\":\"m-1\",\"model\":\"claude-sonnet-4-5\","
                + "\"stop_reason\":\"tool_use\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t-%d\",\"name\":\"%s\"}],"
                + "\"usage\":{\"input_tokens\":2,\"output_tokens\":40}}}";
        appendText(file, line.formatted(1, 1, "Read") + "\n");
        Watcher watcher = startWatcher(logs);
        watcher.pollOnce();
        // Every line of this response carries a stop_reason: a line arriving in the next round still belongs to it.
        appendText(file, line.formatted(2, 2, "Edit") + "\n");
        watcher.pollOnce();
        assertThat(sink.events).isEmpty();

        watcher.pollOnce();

        assertThat(sink.events).hasSize(1);
        assertThat(sink.events.get(0).tools()).extracting(ToolUse::name).containsExactly("Read", "Edit");
    }

    @Test
    void shouldReadTheLinesAgainWhenSendingFailed() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("sessions"));
        Files.copy(TestLogs.path(CODEX), logs.resolve("rollout-test.jsonl"));
        Watcher watcher = startWatcher(logs);

        sink.failNext = 1;
        assertThatThrownBy(watcher::pollOnce).isInstanceOf(SendException.class);
        assertThat(Files.exists(stateFile)).as("nothing recorded as read").isFalse();

        watcher.pollOnce();
        watcher.pollOnce();
        assertThat(sink.events).hasSize(6);
        assertThat(sink.ids()).doesNotHaveDuplicates();
    }

    @Test
    void shouldPickUpNewFilesAndReadAReplacedFileFromTheStart() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("mixed"));
        Watcher watcher = startWatcher(logs);
        watcher.pollOnce();
        assertThat(sink.events).isEmpty();

        Path zeroclaw = logs.resolve("costs.jsonl");
        Files.copy(TestLogs.path("zeroclaw/hand-written/state/costs.jsonl"), zeroclaw);
        ImportSummary round = watcher.pollOnce();
        assertThat(sink.events).hasSize(3);
        assertThat(round.problemCount()).isEqualTo(1);

        // Replaced by a shorter file with another first line (a new record): read from the start.
        Files.writeString(zeroclaw, lines("zeroclaw/hand-written/state/costs.jsonl").get(1)
                .replace("0b9d8c7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e", "11111111-2222-4333-8444-555555555555") + "\n");
        watcher.pollOnce();
        assertThat(sink.events).hasSize(4);
        assertThat(sink.events.get(3).eventId()).isEqualTo("zeroclaw:11111111-2222-4333-8444-555555555555");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("reading it again from the start");
    }

    /** A clock the test moves. */
    @Test
    void shouldSendANewLineOfEitherZeroClawFileWithinOneSecondOfItsWrite() throws Exception {
        List<String> costs = lines("zeroclaw/hand-written/state/costs.jsonl");
        List<String> trace = Files.readAllLines(ZeroClawTraceImportTest.trace(), StandardCharsets.UTF_8);
        Path state = Files.createDirectories(dir.resolve("workspace/state"));
        Path costsFile = state.resolve("costs.jsonl");
        Path traceFile = state.resolve("runtime-trace.jsonl");
        append(costsFile, costs, 1, 1);
        append(traceFile, trace, 1, 1);
        // The fallback poll is far away: only a file-change notification can make the round.
        ImportOptions options = new ImportOptions(null, ImportOptions.DEFAULT_BATCH, EventDefaults.NONE,
                Duration.ofSeconds(30), ImportOptions.DEFAULT_SETTLE);
        Watcher watcher = new Watcher(List.of(dir.resolve("workspace")), options, sink, WatchState.load(stateFile),
                clock, new PrintStream(log, true, StandardCharsets.UTF_8));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread running = new Thread(() -> {
            try {
                watcher.run(stop::get, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watcher-under-test");
        running.start();
        try {
            awaitUntil(() -> sink.ids().size() == 1 && sink.activities().size() == 1, Duration.ofSeconds(10));

            long written = System.nanoTime();
            append(traceFile, trace, 2, 2);
            awaitUntil(() -> sink.activities().size() == 2, Duration.ofSeconds(10));
            Duration traceDelay = Duration.ofNanos(System.nanoTime() - written);

            written = System.nanoTime();
            append(costsFile, costs, 2, 2);
            awaitUntil(() -> sink.ids().size() == 2, Duration.ofSeconds(10));
            Duration costsDelay = Duration.ofNanos(System.nanoTime() - written);

            assertThat(traceDelay).as("runtime-trace.jsonl line to sent").isLessThan(Duration.ofSeconds(1));
            assertThat(costsDelay).as("costs.jsonl line to sent").isLessThan(Duration.ofSeconds(1));
        } finally {
            stop.set(true);
            running.join(5_000);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier done, Duration max) throws Exception {
        long until = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + max);
            }
            Thread.sleep(5);
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
