package io.agentmeter.query.source;

import io.agentmeter.query.params.Interval;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * How figures are split in time: not at all (one total), into calendar buckets of an {@link Interval} in a zone
 * (key: the bucket's start, epoch seconds), or into the 168 hours of the week in a zone (key: (ISO weekday − 1) × 24
 * + hour). Also says which rollup windows fit inside one bucket. SQL groups by window; Java maps windows to buckets.
 */
public final class Bucketing {

    private enum Kind { NONE, TRUNCATE, HOUR_OF_WEEK }

    private static final Bucketing NONE = new Bucketing(Kind.NONE, null, ZoneId.of("UTC"), WindowSize.ONE_MINUTE);

    private final Kind kind;
    private final Interval interval;
    private final ZoneId zone;
    /** The window turn times are grouped by in SQL; one minute unless set (any window fits in its buckets). */
    private final WindowSize step;

    private Bucketing(Kind kind, Interval interval, ZoneId zone, WindowSize step) {
        this.kind = kind;
        this.interval = interval;
        this.zone = zone;
        this.step = step;
    }

    public static Bucketing none() {
        return NONE;
    }

    public static Bucketing truncate(Interval interval, ZoneId zone) {
        return new Bucketing(Kind.TRUNCATE, interval, zone, WindowSize.ONE_MINUTE);
    }

    public static Bucketing hourOfWeek(ZoneId zone) {
        return new Bucketing(Kind.HOUR_OF_WEEK, null, zone, WindowSize.ONE_MINUTE);
    }

    /**
     * The SQL of the grouping key of {@code column} (a timestamptz): the start, in epoch seconds, of its window of
     * {@code stepSeconds} (for rollup rows, their own window start) — plain arithmetic, no time zone per row. Java
     * then puts each window into its bucket ({@link #bucketOf}); this works because the windows read never straddle
     * two buckets ({@link #largestWindow}). Constant when there are no buckets.
     */
    String expression(String column, boolean windowStart) {
        if (kind == Kind.NONE) {
            return "0::bigint";
        }
        if (windowStart) {
            return "extract(epoch FROM " + column + ")::bigint";
        }
        long step = this.step.size().toSeconds();
        return "(floor(extract(epoch FROM " + column + ") / " + step + ") * " + step + ")::bigint";
    }

    /** The same buckets, turn times grouped by windows of {@code size} (which must fit the buckets). */
    public Bucketing withStep(WindowSize size) {
        return new Bucketing(kind, interval, zone, size);
    }

    /** The bucket key of the window starting at {@code windowStart} (epoch seconds). */
    public long bucketOf(long windowStart) {
        switch (kind) {
            case TRUNCATE -> {
                return interval.truncate(Instant.ofEpochSecond(windowStart).atZone(zone)).toEpochSecond();
            }
            case HOUR_OF_WEEK -> {
                var local = Instant.ofEpochSecond(windowStart).atZone(zone);
                return (local.getDayOfWeek().getValue() - 1) * 24L + local.getHour();
            }
            default -> {
                return 0;
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
