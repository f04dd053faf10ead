package io.agentmeter.query.sessions;

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
import io.agentmeter.query.source.SessionCountRepository;
import io.agentmeter.query.turns.TurnRepository;
import io.agentmeter.query.turns.TurnRow;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Session lists (top sessions) and one session in full. */
@ApplicationScoped
public class SessionService {

    private final SessionRepository sessions;
    private final FiguresRepository figures;
    private final TurnRepository turns;
    private final SessionCountRepository counts;

    public SessionService(SessionRepository sessions, FiguresRepository figures, TurnRepository turns,
                          SessionCountRepository counts) {
        this.sessions = sessions;
        this.figures = figures;
        this.turns = turns;
        this.counts = counts;
    }

    public static String listScope(Filter filter, SessionSort sort, boolean descending) {
        return "sessions|" + filter.fingerprint() + "|" + filter.from() + "|" + filter.to() + "|" + sort.value()
                + "|" + descending;
    }

    public SessionPage list(Filter filter, SessionSort sort, boolean descending, Page page) {
        List<SessionRepository.Listed> rows = Database.call(() -> sessions.list(filter, sort, descending,
                page.after().map(SessionService::checkedPosition), page.limit() + 1, counts.earliestStart(filter)));
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            SessionRepository.Listed last = rows.get(rows.size() - 1);
            next = Cursor.encode(listScope(filter, sort, descending),
                    java.util.Arrays.asList(last.sortValue(), last.item().sessionId()));
        }
        List<SessionItem> items = new ArrayList<>();
        rows.forEach(r -> items.add(r.item()));
        return new SessionPage(sort.value(), descending ? "desc" : "asc", items, next);
    }

    public static String detailScope(String tenant, String sessionId, TurnRepository.Include include) {
        return "session|" + tenant + "|" + sessionId + "|" + include;
    }

    public SessionDetail detail(Caller caller, String sessionId, TurnRepository.Include include, Page page) {
        if (include.promptText() || include.params()) {
            caller.require(Role.DEVELOPER, "include=prompt_text/params (prompt text and per-turn config)");
        }
        String tenant = caller.tenantId();
        return Database.call(() -> {
            SessionRepository.Facts facts = sessions.facts(tenant, sessionId)
                    .orElseThrow(() -> ApiException.notFound("no session " + sessionId + " in this tenant"));
            Map<Key, Figures> byModel = figures.fromTurnsOf(tenant, "session_id", List.of(sessionId), "model", true);
            Figures total = new Figures();
            List<SessionDetail.ModelFigures> models = new ArrayList<>();
            byModel.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().group())).forEach(e -> {
                total.merge(e.getValue());
                models.add(new SessionDetail.ModelFigures(e.getKey().group(), FiguresView.of(e.getValue())));
            });
            Instant afterAt = null;
            String afterId = null;
            if (page.after().isPresent()) {
                List<String> position = checkedPosition(page.after().get());
                afterAt = Instant.parse(position.get(0));
                afterId = position.get(1);
            }
            List<TurnRow> rows = turns.page(tenant, "session_id", sessionId, afterAt, afterId, page.limit() + 1,
                    include);
            String next = null;
            if (rows.size() > page.limit()) {
                rows = rows.subList(0, page.limit());
                TurnRow last = rows.get(rows.size() - 1);
                next = Cursor.encode(detailScope(tenant, sessionId, include),
                        List.of(last.occurredAt().toString(), last.eventId()));
            }
            return new SessionDetail(sessionId, facts.firstSeen(), facts.lastSeen(),
                    Duration.between(facts.firstSeen(), facts.lastSeen()).toMillis(), facts.project(), facts.agent(),
                    facts.userId(), facts.recordingIds(), facts.contextPeakTokens(), facts.contextMaxTokens(),
                    FiguresView.of(total), models, List.copyOf(rows), next);
        });
    }

    private static List<String> checkedPosition(List<String> position) {
        if (position.size() != 2 || position.get(1) == null) {
            throw ApiException.badParameter("cursor", "is not a cursor this API gave out");
        }
        return position;
    }
}
