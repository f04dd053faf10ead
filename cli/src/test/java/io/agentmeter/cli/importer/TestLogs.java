package io.agentmeter.cli.importer;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The copied agent logs (src/test/resources/agent-logs, see SOURCES.md there) and a way to import them. */
final class TestLogs {

    /** "Now" for the validator's future-skew rule: after every fixture. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private TestLogs() {
    }

    static Path path(String relative) {
        try {
            return Path.of(Objects.requireNonNull(TestLogs.class.getResource("/agent-logs/" + relative),
                    relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an import made of some paths. */
    record Imported(List<TurnEvent> events, ImportSummary summary) {

        long sum(Function<Usage, Long> count) {
            return events.stream().map(TurnEvent::usage).map(count).filter(Objects::nonNull)
                    .mapToLong(Long::longValue).sum();
        }
    }

    static Imported importPaths(ImportOptions options, Path... paths) throws Exception {
        CollectingSink sink = new CollectingSink();
        ImportSummary summary = new Importer(options, sink, CLOCK).run(List.of(paths));
        return new Imported(List.copyOf(sink.events), summary);
    }

    static Imported importPaths(Path... paths) throws Exception {
        return importPaths(ImportOptions.standard(), paths);
    }
}
