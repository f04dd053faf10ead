package io.agentmeter.cli.importer;

import io.agentmeter.cli.send.EventSink;
import io.agentmeter.cli.send.SendException;
import io.agentmeter.cli.send.SendResult;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityEventReader;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.validation.ActivityPayload;
import io.agentmeter.schema.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every parser emits into: applies the command line's {@link EventDefaults}, checks each event with the
 * contract's validator (an invalid one is a problem, never sent; an activity event's oversized payload is cut, as
 * {@link ActivityEventReader} does), drops event ids already seen in this run, and holds the rest until
 * {@link #sendAll} delivers them in batches: turns, then activity events.
 */
final class EventPipeline implements Emitter {

    /** Event ids remembered to count duplicates within a run; beyond that the pipeline's own dedupe works. */
    private static final int REMEMBERED_IDS = 500_000;

    /** An event waiting to be sent, and the line it came from. */
    record Pending(TurnEvent event, SourceLine at, Format format) {
    }

    /** An activity event waiting to be sent, and the line it came from. */
    record PendingActivity(ActivityEvent event, SourceLine at, Format format) {
    }

    private static final String ACTIVITY_IDS = "activity\n";

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
    private final List<PendingActivity> pendingActivity = new ArrayList<>();
    private final ActivityEventReader activityReader;
    private ImportSummary summary;
    private Format format;

    EventPipeline(EventDefaults defaults, TurnEventReader reader, ImportSummary summary) {
        this(defaults, reader, new ActivityEventReader(), summary);
    }

    EventPipeline(EventDefaults defaults, TurnEventReader reader, ActivityEventReader activityReader,
                  ImportSummary summary) {
        this.defaults = defaults;
        this.reader = reader;
        this.activityReader = activityReader;
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
    public void activity(ActivityEvent event, SourceLine at) {
        ActivityEvent decorated = defaults.apply(event);
        List<Violation> violations = activityReader.validate(decorated);
        if (!violations.isEmpty()) {
            summary.problem(format, at.where(), "activity " + decorated.eventId() + " is not a valid activity event: "
                    + Violation.summary(violations));
            return;
        }
        if (seen.putIfAbsent(ACTIVITY_IDS + decorated.eventId(), Boolean.TRUE) != null) {
            summary.duplicate(format);
            return;
        }
        summary.event(format);
        pendingActivity.add(new PendingActivity(decorated.withPayload(ActivityPayload.cut(decorated.payload())), at,
                format));
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
        return pending.size() + pendingActivity.size();
    }

    List<Pending> pending() {
        return List.copyOf(pending);
    }

    /** Forgets the events not yet sent, so that reading their lines again sends them (watch mode, after a failure). */
    void discardPending() {
        pending.forEach(p -> seen.remove(p.event().eventId()));
        pending.clear();
        pendingActivity.forEach(p -> seen.remove(ACTIVITY_IDS + p.event().eventId()));
        pendingActivity.clear();
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
        sendTurns(sink, batchSize, atLeast);
        while (pendingActivity.size() >= atLeast && !pendingActivity.isEmpty()) {
            List<PendingActivity> chunk = new ArrayList<>(pendingActivity.subList(0,
                    Math.min(batchSize, pendingActivity.size())));
            SendResult result = sink.sendActivity(chunk.stream().map(PendingActivity::event).toList());
            summary.sent(result.accepted(), result.rejections().size());
            for (SendResult.Rejection rejection : result.rejections()) {
                PendingActivity rejected = rejection.index() >= 0 && rejection.index() < chunk.size()
                        ? chunk.get(rejection.index()) : null;
                summary.problem(rejected == null ? null : rejected.format(),
                        rejected == null ? String.valueOf(rejection.eventId()) : rejected.at().where(),
                        "rejected by " + sink.describe() + ": " + rejection.reason());
            }
            pendingActivity.subList(0, chunk.size()).clear();
        }
    }

    private void sendTurns(EventSink sink, int batchSize, int atLeast) throws SendException {
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
