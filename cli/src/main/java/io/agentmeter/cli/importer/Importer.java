package io.agentmeter.cli.importer;

import io.agentmeter.cli.send.EventSink;
import io.agentmeter.cli.send.SendException;
import io.agentmeter.schema.activity.ActivityEventReader;
import io.agentmeter.schema.event.TurnEventReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A one-off import: reads every file to its end, then sends what it found. */
public final class Importer {

    private final ImportOptions options;
    private final EventSink sink;
    private final Clock clock;

    public Importer(ImportOptions options, EventSink sink, Clock clock) {
        this.options = options;
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * Imports every log file under {@code roots}.
     *
     * @throws SendException when events could not be delivered (what was counted as accepted before was)
     * @throws IOException   when a root does not exist or cannot be listed
     */
    public ImportSummary run(List<Path> roots) throws IOException, SendException {
        ImportSummary summary = new ImportSummary();
        EventPipeline pipeline = new EventPipeline(options.defaults(), new TurnEventReader(clock),
                new ActivityEventReader(clock), summary);
        for (Path file : LogFiles.list(roots)) {
            importFile(file, pipeline, summary);
            pipeline.sendFullBatches(sink, options.batchSize());
        }
        pipeline.sendAll(sink, options.batchSize());
        return summary;
    }

    private void importFile(Path file, EventPipeline pipeline, ImportSummary summary) {
        try {
            Optional<Format> detected = options.format() != null ? Optional.of(options.format())
                    : FormatDetector.detect(file);
            if (detected.isEmpty()) {
                summary.unrecognised(file);
                return;
            }
            Format format = detected.get();
            summary.file(format);
            pipeline.format(format);
            FileContext context = new FileContext(file, Files.getLastModifiedTime(file).toInstant());
            LogParser parser = format.newParser(context);
            try (LineReader reader = new LineReader(file, Position.START)) {
                Lines.feed(reader, parser, pipeline);
                String tail = reader.partialTail();
                if (!tail.isBlank()) {
                    Position at = reader.position();
                    SourceLine last = new SourceLine(file, at.lines() + 1, at.offset(),
                            at.offset() + reader.partialTailBytes(), tail);
                    if (Lines.object(tail) != null) {
                        Lines.accept(last, parser, pipeline);
                    } else {
                        pipeline.problem(last, "incomplete last line (no line feed at the end and not valid JSON:"
                                + " still being written?); not imported");
                    }
                }
            }
            parser.flush(pipeline, clock.instant(), Duration.ZERO, true);
        } catch (IOException e) {
            summary.problem(null, file.toString(), "cannot read: " + e);
        }
    }
}
