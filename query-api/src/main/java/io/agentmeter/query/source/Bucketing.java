package io.agentmeter.query.source;

import io.agentmeter.query.params.Interval;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * How figures are split in time: not at all (one total), into calendar buckets of an {@link Interval} in a zone
 * (key: the bucket's start, epoch seconds), or into the 168 hours of the week in a zone (key: (ISO weekday − 1) × 24
 * + hour). Also says which rollup windows fit inside one bucket.
 */
public final class Bucketing {

    private enum Kind { NONE, TRUNCATE, HOUR_OF_WEEK }

    private static final Bucketing NONE = new Bucketing(Kind.NONE, null, ZoneId.of("UTC"));

    private final Kind kind;
    private final Interval interval;
    private final ZoneId zone;

    private Bucketing(Kind kind, Interval interval, ZoneId zone) {
        this.kind = kind;
        this.interval = interval;
        this.zone = zone;
    }

    public static Bucketing none() {
        return NONE;
    }

    public static Bucketing truncate(Interval interval, ZoneId zone) {
        return new Bucketing(Kind.TRUNCATE, interval, zone);
    }

    public static Bucketing hourOfWeek(ZoneId zone) {
        return new Bucketing(Kind.HOUR_OF_WEEK, null, zone);
    }

    /** The SQL of the bucket key of {@code column} (a timestamptz); its parameters are appended to {@code params}. */
    String expression(String column, List<Object> params) {
        switch (kind) {
            case TRUNCATE -> {
                params.add(interval.sqlUnit());
                params.add(zone.getId());
                return "extract(epoch FROM date_trunc(?, " + column + ", ?))::bigint";
            }
            case HOUR_OF_WEEK -> {
                params.add(zone.getId());
                params.add(zone.getId());
                return "((extract(isodow FROM " + column + " AT TIME ZONE ?)::int - 1) * 24 + extract(hour FROM "
                        + column + " AT TIME ZONE ?)::int)::bigint";
            }
            default -> {
                return "0::bigint";
            }
        }
    }

    /** The largest rollup window that never straddles two buckets between {@code from} and {@code to}. */
    public WindowSize largestWindow(Instant from, Instant to) {
        return switch (kind) {
            case NONE -> WindowSize.ONE_DAY;
            case HOUR_OF_WEEK -> wholeHours(from, to) ? WindowSize.ONE_HOUR : WindowSize.ONE_MINUTE;
            case TRUNCATE -> switch (interval) {
                case MINUTE -> WindowSize.ONE_MINUTE;
                case HOUR -> wholeHours(from, to) ? WindowSize.ONE_HOUR : WindowSize.ONE_MINUTE;
                case DAY, WEEK, MONTH -> utc(from, to) ? WindowSize.ONE_DAY
                        : wholeHours(from, to) ? WindowSize.ONE_HOUR : WindowSize.ONE_MINUTE;
            };
        };
    }

    private boolean wholeHours(Instant from, Instant to) {
        return offsets(from, to, 3600);
    }

    private boolean utc(Instant from, Instant to) {
        return offsets(from, to, 86_400);
    }

    /** True when every offset the zone has between from and to is a multiple of {@code seconds}. */
    private boolean offsets(Instant from, Instant to, int seconds) {
        ZoneRules rules = zone.getRules();
        ZoneOffset offset = rules.getOffset(from);
        if (offset.getTotalSeconds() % seconds != 0) {
            return false;
        }
        Instant at = from;
        while (true) {
            ZoneOffsetTransition next = rules.nextTransition(at);
            if (next == null || !next.getInstant().isBefore(to)) {
                return true;
            }
            if (next.getOffsetAfter().getTotalSeconds() % seconds != 0) {
                return false;
            }
            at = next.getInstant();
        }
    }
}
