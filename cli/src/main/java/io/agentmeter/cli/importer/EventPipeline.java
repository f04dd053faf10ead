package io.agentmeter.cli.importer;

import io.agentmeter.cli.send.EventSink;
import io.agentmeter.cli.send.SendException;
import io.agentmeter.cli.send.SendResult;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every parser emits into: applies the command line's {@link EventDefaults}, checks each event with the
 * contract's validator (an invalid one is a problem, never sent), drops event ids already seen in this run, and
 * holds the rest until {@link #sendAll} delivers them in batches.
 */
final class EventPipeline implements Emitter {

    /** Event ids remembered to count duplicates within a run; beyond that the pipeline's own dedupe works. */
    private static final int REMEMBERED_IDS = 500_000;

    /** An event waiting to be sent, and the line it came from. */
    record Pending(TurnEvent event, SourceLine at, Format format) {
    }

    private final EventDefaults defaults;
    private final TurnEventReader reader;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private final List<Pending> pending = new ArrayList<>();
    private ImportSummary summary;
    private Format format;

    EventPipeline(EventDefaults defaults, TurnEventReader reader, ImportSummary summary) {
        this.defaults = defaults;
        this.reader = reader;
        this.summary = summary;
    }

    /** The format of the file whose lines come next. */
    void format(Format value) {
        format = value;
    }

    /** Where counts go from now on (watch mode: one summary per round). */
    void summary(ImportSummary value) {
        summary = value;
    }

    ImportSummary summary() {
        return summary;
    }

    @Override
    public void event(TurnEvent event, SourceLine at) {
        TurnEvent decorated = defaults.apply(event);
        List<Violation> violations = reader.validate(decorated);
        if (!violations.isEmpty()) {
            summary.problem(format, at.where(), "turn " + decorated.eventId() + " is not a valid turn event: "
                    + Violation.summary(violations));
            return;
        }
        if (seen.putIfAbsent(decorated.eventId(), Boolean.TRUE) != null) {
            summary.duplicate(format);
            return;
        }
        summary.event(format);
        pending.add(new Pending(decorated, at, format));
    }

    @Override
    public void problem(SourceLine at, String reason) {
        summary.problem(format, at.where(), reason);
    }

    @Override
    public void ignored(SourceLine at, String kind) {
        summary.ignored(format, kind);
    }

    int pendingCount() {
        return pending.size();
    }

    List<Pending> pending() {
        return List.copyOf(pending);
    }

    /** Forgets the events not yet sent, so that reading their lines again sends them (watch mode, after a failure). */
    void discardPending() {
        pending.forEach(p -> seen.remove(p.event().eventId()));
        pending.clear();
    }

    /** Sends every held event in batches of {@code batchSize}; a rejected event becomes a problem at its line. */
    void sendAll(EventSink sink, int batchSize) throws SendException {
        send(sink, batchSize, 1);
    }

    /** Sends held events while there are at least {@code batchSize} of them. */
    void sendFullBatches(EventSink sink, int batchSize) throws SendException {
        send(sink, batchSize, batchSize);
    }

    private void send(EventSink sink, int batchSize, int atLeast) throws SendException {
        while (pending.size() >= atLeast && !pending.isEmpty()) {
            List<Pending> chunk = new ArrayList<>(pending.subList(0, Math.min(batchSize, pending.size())));
            SendResult result = sink.send(chunk.stream().map(Pending::event).toList());
            summary.sent(result.accepted(), result.rejections().size());
            for (SendResult.Rejection rejection : result.rejections()) {
                Pending rejected = find(chunk, rejection);
                String where = rejected == null ? String.valueOf(rejection.eventId()) : rejected.at().where();
                summary.problem(rejected == null ? null : rejected.format(), where,
                        "rejected by " + sink.describe() + ": " + rejection.reason());
            }
            pending.subList(0, chunk.size()).clear();
        }
    }

    private static Pending find(List<Pending> chunk, SendResult.Rejection rejection) {
        if (rejection.index() >= 0 && rejection.index() < chunk.size()) {
            return chunk.get(rejection.index());
        }
        return chunk.stream().filter(p -> p.event().eventId().equals(rejection.eventId())).findFirst().orElse(null);
    }
}
