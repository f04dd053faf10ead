package io.agentmeter.query.activity;

import io.agentmeter.query.auth.Caller;
import io.agentmeter.query.auth.Role;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Cursor;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.Page;
import io.agentmeter.query.params.Params;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The sessions with activity, and one session's transcript (its activity and its turns in one time line). */
@ApplicationScoped
public class ActivityService {

    private final ActivityRepository activity;

    public ActivityService(ActivityRepository activity) {
        this.activity = activity;
    }

    /** The checked filter of a session list: the common one, plus kinds and users; labels refused (none on activity). */
    public static ActivityFilter filter(Filter common, CommonParams given, ActivityParams extra) {
        if (given.label != null && !given.label.isEmpty()) {
            throw ApiException.badParameter("label", "activity entries carry no labels; filter by project, agent,"
                    + " model, provider, user_id or kind");
        }
        List<String> kinds = values("kind", extra == null ? null : extra.kind);
        for (String kind : kinds) {
            try {
                ActivityKind.of(kind);
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("kind", "must be one of " + kindNames() + ", got \"" + cut(kind)
                        + "\"");
            }
        }
        return new ActivityFilter(common, kinds, values("user_id", extra == null ? null : extra.userId));
    }

    public static String sessionsScope(ActivityFilter filter) {
        return "activity-sessions|" + filter.fingerprint();
    }

    public ActivitySessionPage sessions(ActivityFilter filter, Page page) {
        ActivityRepository.ListPosition after = page.after().map(ActivityService::listPosition).orElse(null);
        List<ActivitySession> rows = Database.call(() -> activity.sessions(filter, after, page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            ActivitySession last = rows.get(rows.size() - 1);
            next = Cursor.encode(sessionsScope(filter), List.of(last.lastActivityAt().toString(), last.sessionId()));
        }
        return new ActivitySessionPage(List.copyOf(rows), next);
    }

    public static String transcriptScope(String tenant, String sessionId) {
        return "transcript|" + tenant + "|" + sessionId;
    }

    /**
     * A page of one session's transcript. The payload is read only for a developer (or admin) key; a viewer gets
     * null and {@code payload_withheld}. 404 when the session has neither turns nor activity in this tenant.
     */
    public Transcript transcript(Caller caller, String sessionId, Page page) {
        String tenant = caller.tenantId();
        boolean withPayload = caller.may(Role.DEVELOPER);
        ActivityRepository.Position after = page.after().map(ActivityService::transcriptPosition).orElse(null);
        List<TranscriptEntry> rows = Database.call(() -> activity.transcript(tenant, sessionId, after,
                page.limit() + 1, withPayload));
        if (rows.isEmpty() && after == null) {
            throw ApiException.notFound("no session " + sessionId + " in this tenant");
        }
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            TranscriptEntry last = rows.get(rows.size() - 1);
            next = Cursor.encode(transcriptScope(tenant, sessionId),
                    List.of(last.occurredAt().toString(), last.type(), last.eventId()));
        }
        return new Transcript(sessionId, List.copyOf(rows), next);
    }

    private static ActivityRepository.ListPosition listPosition(List<String> position) {
        if (position.size() != 2 || position.get(1) == null) {
            throw notOurs();
        }
        return new ActivityRepository.ListPosition(instant(position.get(0)), position.get(1));
    }

    private static ActivityRepository.Position transcriptPosition(List<String> position) {
        if (position.size() != 3 || position.get(2) == null || !(TranscriptEntry.TURN.equals(position.get(1))
                || TranscriptEntry.ACTIVITY.equals(position.get(1)))) {
            throw notOurs();
        }
        return new ActivityRepository.Position(instant(position.get(0)), position.get(1), position.get(2));
    }

    private static Instant instant(String text) {
        if (text == null) {
            throw notOurs();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw notOurs();
        }
    }

    private static ApiException notOurs() {
        return ApiException.badParameter("cursor", "is not a cursor this API gave out");
    }

    private static List<String> values(String name, List<String> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.size() > Params.MAX_VALUES) {
            throw ApiException.badParameter(name, "may be repeated at most " + Params.MAX_VALUES + " times, got "
                    + given.size());
        }
        List<String> out = new ArrayList<>();
        for (String value : given) {
            if (value == null || value.isEmpty()) {
                throw ApiException.badParameter(name, "must not be empty");
            }
            if (value.length() > Params.MAX_VALUE_CHARS) {
                throw ApiException.badParameter(name, "is longer than " + Params.MAX_VALUE_CHARS + " characters");
            }
            if (!out.contains(value)) {
                out.add(value);
            }
        }
        out.sort(null);
        return out;
    }

    private static String kindNames() {
        List<String> names = new ArrayList<>();
        for (ActivityKind kind : ActivityKind.values()) {
            names.add(kind.wire());
        }
        return String.join(", ", names);
    }

    private static String cut(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
