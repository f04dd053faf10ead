package io.agentmeter.query.params;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Optional;

/**
 * A series bucket: calendar units in the caller's time zone (a day is a local day, 23 or 25 hours across a DST
 * change; a week starts on Monday, ISO 8601). {@link #sqlUnit()} is PostgreSQL's {@code date_trunc} field.
 */
public enum Interval {
    MINUTE("minute"), HOUR("hour"), DAY("day"), WEEK("week"), MONTH("month");

    private final String value;

    Interval(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public String sqlUnit() {
        return value;
    }

    /** The start of the bucket holding {@code at}, as PostgreSQL's {@code date_trunc(unit, ts, zone)} computes it. */
    public ZonedDateTime truncate(ZonedDateTime at) {
        return switch (this) {
            case MINUTE -> at.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> at.truncatedTo(ChronoUnit.HOURS);
            case DAY -> at.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> at.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> at.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    }

    /** The start of the next bucket after the one starting at {@code start}. */
    public ZonedDateTime next(ZonedDateTime start) {
        ZoneId zone = start.getZone();
        return switch (this) {
            case MINUTE -> start.plusMinutes(1);
            case HOUR -> start.plusHours(1);
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(zone);
            case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(zone);
            case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(zone);
        };
    }

    public static Optional<Interval> parse(String text) {
        for (Interval i : values()) {
            if (i.value.equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
