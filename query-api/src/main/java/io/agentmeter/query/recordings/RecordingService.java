package io.agentmeter.query.recordings;

import io.agentmeter.query.auth.Caller;
import io.agentmeter.query.auth.Role;
import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.query.params.Cursor;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.Page;
import io.agentmeter.query.source.FiguresRepository;
import io.agentmeter.query.source.Key;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Recordings (developer role): their figures come from the turns tagged with their id. */
@ApplicationScoped
public class RecordingService {

    private final RecordingRepository recordings;
    private final FiguresRepository figures;

    public RecordingService(RecordingRepository recordings, FiguresRepository figures) {
        this.recordings = recordings;
        this.figures = figures;
    }

    public static String scope(Filter filter) {
        return "recordings|" + filter.fingerprint() + "|" + filter.from() + "|" + filter.to();
    }

    public RecordingPage list(Caller caller, Filter filter, Page page) {
        caller.require(Role.DEVELOPER, "recordings");
        if (page.after().isPresent() && page.after().get().size() != 2) {
            throw ApiException.badParameter("cursor", "is not a cursor this API gave out");
        }
        return Database.call(() -> {
            List<RecordingRepository.Row> rows = recordings.list(filter, page.after(), page.limit() + 1);
            String next = null;
            if (rows.size() > page.limit()) {
                rows = rows.subList(0, page.limit());
                RecordingRepository.Row last = rows.get(rows.size() - 1);
                next = Cursor.encode(scope(filter), List.of(last.startedAt().toString(), last.recordingId()));
            }
            List<String> ids = rows.stream().map(RecordingRepository.Row::recordingId).toList();
            Map<Key, Figures> byId = ids.isEmpty() ? Map.of()
                    : figures.fromTurnsOf(caller.tenantId(), "recording_id", ids, "recording_id", false);
            List<RecordingView> items = new ArrayList<>();
            for (RecordingRepository.Row row : rows) {
                items.add(view(row, byId.getOrDefault(new Key(0, row.recordingId()), new Figures())));
            }
            return new RecordingPage(items, next);
        });
    }

    public RecordingDetail detail(Caller caller, String recordingId) {
        caller.require(Role.DEVELOPER, "recordings");
        return Database.call(() -> {
            RecordingRepository.Row row = recordings.find(caller.tenantId(), recordingId)
                    .orElseThrow(() -> ApiException.notFound("no recording " + recordingId + " in this tenant"));
            List<String> ids = List.of(recordingId);
            Map<Key, Figures> byModel = figures.fromTurnsOf(caller.tenantId(), "recording_id", ids, "model", true);
            Map<Key, Figures> bySession = figures.fromTurnsOf(caller.tenantId(), "recording_id", ids, "session_id",
                    false);
            Figures total = new Figures();
            byModel.values().forEach(total::merge);
            return new RecordingDetail(view(row, total), groups(byModel), groups(bySession));
        });
    }

    private static List<RecordingDetail.Group> groups(Map<Key, Figures> figures) {
        return figures.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().group()))
                .map(e -> new RecordingDetail.Group(e.getKey().group(), FiguresView.of(e.getValue()))).toList();
    }

    private static RecordingView view(RecordingRepository.Row row, Figures f) {
        return new RecordingView(row.recordingId(), row.userId(), row.name(), row.config(), row.startedAt(),
                row.stoppedAt(), FiguresView.of(f));
    }
}
