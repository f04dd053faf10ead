package io.agentmeter.query.compare;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.query.params.Cursor;
import io.agentmeter.query.params.Page;
import io.agentmeter.query.source.FiguresRepository;
import io.agentmeter.query.source.Key;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Sessions or recordings side by side, from their turns. */
@ApplicationScoped
public class SideBySideService {

    public static final int MIN = 2;
    public static final int MAX = 5;

    private final CompareRepository repository;
    private final FiguresRepository figures;

    public SideBySideService(CompareRepository repository, FiguresRepository figures) {
        this.repository = repository;
        this.figures = figures;
    }

    /** Checks the ids: 2 to 5, distinct, non-empty; 400 naming {@code parameter} otherwise. */
    public static List<String> ids(String parameter, List<String> given) {
        if (given == null || given.size() < MIN || given.size() > MAX) {
            throw ApiException.badParameter(parameter, "must be given " + MIN + " to " + MAX + " times, got "
                    + (given == null ? 0 : given.size()));
        }
        if (new LinkedHashSet<>(given).size() != given.size() || given.stream().anyMatch(String::isEmpty)) {
            throw ApiException.badParameter(parameter, "must name distinct, non-empty ids");
        }
        return List.copyOf(given);
    }

    public static String scope(String tenant, String kind, List<String> ids) {
        return "side-by-side|" + tenant + "|" + kind + "|" + String.join(",", ids);
    }

    /**
     * @param kind   "session" or "recording"
     * @param column session_id or recording_id
     */
    public SideBySide compare(String tenant, String kind, String column, List<String> ids, Page page) {
        long after = 0;
        if (page.after().isPresent()) {
            try {
                after = Long.parseLong(page.after().get().get(0));
            } catch (RuntimeException e) {
                throw ApiException.badParameter("cursor", "is not a cursor this API gave out");
            }
        }
        long from = after;
        return Database.call(() -> {
            Map<String, CompareRepository.Span> spans = repository.spans(tenant, column, ids);
            for (String id : ids) {
                if (!spans.containsKey(id)) {
                    throw ApiException.notFound("no " + kind + " " + id + " with turns in this tenant");
                }
            }
            Map<Key, Figures> byId = figures.fromTurnsOf(tenant, column, ids, column, true);
            List<SideBySide.Item> items = new ArrayList<>();
            for (String id : ids) {
                CompareRepository.Span span = spans.get(id);
                Figures f = byId.getOrDefault(new Key(0, id), new Figures());
                items.add(new SideBySide.Item(id, span.first(), span.last(),
                        Duration.between(span.first(), span.last()).toMillis(), span.models().stream().sorted()
                        .toList(), FiguresView.of(f)));
            }
            List<CompareRepository.Positioned> rows = repository.positions(tenant, column, ids, from,
                    page.limit() + 1);
            Map<Long, SideBySide.TurnFigures[]> byPosition = new java.util.TreeMap<>();
            for (CompareRepository.Positioned p : rows) {
                byPosition.computeIfAbsent(p.position(), k -> new SideBySide.TurnFigures[ids.size()])
                        [ids.indexOf(p.id())] = p.turn();
            }
            List<SideBySide.Position> positions = new ArrayList<>();
            String next = null;
            for (Map.Entry<Long, SideBySide.TurnFigures[]> e : byPosition.entrySet()) {
                if (e.getKey() > from + page.limit()) {
                    next = Cursor.encode(scope(tenant, kind, ids), List.of(Long.toString(from + page.limit())));
                    break;
                }
                positions.add(new SideBySide.Position(e.getKey(), Arrays.asList(e.getValue())));
            }
            return new SideBySide(kind, items, positions, next);
        });
    }
}
