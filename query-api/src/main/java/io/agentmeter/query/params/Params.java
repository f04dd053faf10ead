package io.agentmeter.query.params;

import io.agentmeter.query.auth.Caller;
import io.agentmeter.query.config.QueryConfig;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.schema.validation.Rfc3339;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Checks request parameters and turns them into {@link Filter} and {@link Page}: every refusal is a 400 naming the
 * parameter and the reason.
 */
@ApplicationScoped
public class Params {

    /** Most values one list parameter (project, agent, model, provider) may repeat. */
    public static final int MAX_VALUES = 50;
    public static final int MAX_LABELS = 16;
    public static final int MAX_VALUE_CHARS = 256;

    private final QueryConfig.Query limits;
    private final Clock clock;

    @Inject
    public Params(QueryConfig config) {
        this(config.query(), Clock.systemUTC());
    }

    Params(QueryConfig.Query limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public Filter filter(Caller caller, CommonParams p) {
        Instant to = p.to == null ? clock.instant() : instant("to", p.to);
        Instant from = p.from == null ? to.minus(limits.defaultRange()) : instant("from", p.from);
        if (!from.isBefore(to)) {
            throw ApiException.badParameter(p.from == null ? "to" : "from",
                    "the range must not be empty: from (" + from + ") must be before to (" + to + ")");
        }
        if (from.plus(limits.maxRange()).isBefore(to)) {
            throw ApiException.badParameter("from", "the range from " + from + " to " + to + " is longer than the "
                    + limits.maxRange().toDays() + " days allowed");
        }
        return new Filter(caller.tenantId(), from, to, values("project", p.project), values("agent", p.agent),
                values("model", p.model), values("provider", p.provider), labels(p.label), zone(p.tz));
    }

    public Page page(PageParams p, String scope) {
        return page(p, scope, limits.defaultLimit(), limits.maxLimit());
    }

    public Page page(PageParams p, String scope, int defaultLimit, int maxLimit) {
        int limit = p == null || p.limit == null ? defaultLimit : integer("limit", p.limit, 1, maxLimit);
        Optional<List<String>> after = p == null || p.cursor == null || p.cursor.isEmpty() ? Optional.empty()
                : Optional.of(Cursor.decode(p.cursor, scope));
        return new Page(limit, after);
    }

    public static Instant instant(String name, String text) {
        try {
            return Rfc3339.parse(text.strip());
        } catch (DateTimeException e) {
            String hint = text.matches(".*\\d \\d{2}:\\d{2}$") ? " (a + in the offset must be sent as %2B)" : "";
            throw ApiException.badParameter(name, "must be an RFC 3339 date-time like 2026-01-31T00:00:00Z: "
                    + e.getMessage() + hint + ", got \"" + cut(text) + "\"");
        }
    }

    public static int integer(String name, String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "must be a whole number, got \"" + cut(text) + "\"");
        }
        if (value < min || value > max) {
            throw ApiException.badParameter(name, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * An IANA zone name known to both Java and PostgreSQL ({@code UTC}, {@code Europe/Berlin}, {@code Etc/GMT-2});
     * bare offsets are refused because PostgreSQL reads {@code +02:00} as a POSIX zone, two hours the other way.
     */
    public static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneId.of("UTC");
        }
        String id = tz.strip();
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw ApiException.badParameter("tz", "is not an IANA time zone name (like Europe/Berlin, UTC or"
                    + " Etc/GMT-2), got \"" + cut(tz) + "\"");
        }
        return ZoneId.of(id);
    }

    /** A parameter that must be given once and be one of {@code allowed}; {@code fallback} when absent. */
    public static <T> T one(String name, String text, java.util.function.Function<String, Optional<T>> parse,
                            String allowed, T fallback) {
        if (text == null || text.isEmpty()) {
            if (fallback == null) {
                throw ApiException.badParameter(name, "is required; one of " + allowed);
            }
            return fallback;
        }
        return parse.apply(text.strip()).orElseThrow(() -> ApiException.badParameter(name,
                "must be one of " + allowed + ", got \"" + cut(text) + "\""));
    }

    private static List<String> values(String name, List<String> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.size() > MAX_VALUES) {
            throw ApiException.badParameter(name, "may be repeated at most " + MAX_VALUES + " times, got "
                    + given.size());
        }
        List<String> out = new ArrayList<>();
        for (String value : given) {
            if (value == null || value.isEmpty()) {
                throw ApiException.badParameter(name, "must not be empty");
            }
            if (value.length() > MAX_VALUE_CHARS) {
                throw ApiException.badParameter(name, "is longer than " + MAX_VALUE_CHARS + " characters");
            }
            if (!out.contains(value)) {
                out.add(value);
            }
        }
        out.sort(null);
        return out;
    }

    private static SortedMap<String, String> labels(List<String> given) {
        SortedMap<String, String> labels = new TreeMap<>();
        if (given == null) {
            return labels;
        }
        if (given.size() > MAX_LABELS) {
            throw ApiException.badParameter("label", "may be repeated at most " + MAX_LABELS + " times");
        }
        for (String text : given) {
            int colon = text == null ? -1 : text.indexOf(':');
            if (colon <= 0) {
                throw ApiException.badParameter("label", "must be key:value with a non-empty key, got \""
                        + cut(String.valueOf(text)) + "\"");
            }
            String key = text.substring(0, colon);
            String value = text.substring(colon + 1);
            if (key.length() > 64 || value.length() > MAX_VALUE_CHARS) {
                throw ApiException.badParameter("label", "key or value too long (64 / 256 characters)");
            }
            String before = labels.put(key, value);
            if (before != null && !before.equals(value)) {
                throw ApiException.badParameter("label", "asks for two values of \"" + cut(key)
                        + "\"; a turn has one");
            }
        }
        return labels;
    }

    static String cut(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
