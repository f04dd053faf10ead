package io.agentmeter.schema.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 3339 date-times ({@code 2025-01-31T12:00:00Z}, {@code 2025-01-31T13:00:00.123+01:00}): the one
 * parser behind both {@link TurnValidator} and the binding of {@code occurred_at}/{@code started_at}, so what is
 * validated is exactly what is read.
 *
 * <p>Follows RFC 3339 section 5.6, as JSON Schema's {@code date-time} format and ajv-formats do: a UTC offset is
 * required ({@code Z} or {@code ±hh:mm}, any offset up to ±23:59; {@code -00:00} is UTC); {@code T} and {@code Z}
 * may be lower case, and a space may separate date and time (the RFC's note; it is what Python's
 * {@code str(datetime)} writes); the fraction may have any number of digits (read to the nanosecond, further digits
 * dropped); a leap second ({@code :60}) is read as the last nanosecond of its minute, as {@link Instant} has no
 * leap seconds. Not accepted: times without an offset, and the ISO 8601 forms RFC 3339 excludes (basic format, week
 * and ordinal dates, hours only).
 */
public final class Rfc3339 {

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");
    private static final Pattern WITHOUT_OFFSET = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?");
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int LAST_NANO = 999_999_999;

    private Rfc3339() {
    }

    /**
     * The instant {@code text} denotes.
     *
     * @throws DateTimeException saying what is wrong with it, in words fit for a {@link Violation} reason
     */
    public static Instant parse(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw new DateTimeException(diagnose(text));
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        if (hour > 23 || minute > 59) {
            throw new DateTimeException("has an invalid time of day");
        }
        boolean leapSecond = second == 60 && minute == 59;
        if (second > 59 && !leapSecond) {
            throw new DateTimeException("has an invalid time of day");
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new DateTimeException("has an invalid date (" + e.getMessage() + ")");
        }
        int offsetSeconds = 0;
        if (m.group(8) == null) {
            int offsetHours = Integer.parseInt(m.group(10));
            int offsetMinutes = Integer.parseInt(m.group(11));
            if (offsetHours > 23 || offsetMinutes > 59) {
                throw new DateTimeException("has an invalid UTC offset");
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * ("-".equals(m.group(9)) ? -1 : 1);
        }
        long epochSecond = date.toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L
                + (leapSecond ? 59 : second) - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, leapSecond ? LAST_NANO : nanos(m.group(7)));
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String nine = fraction.length() >= 9 ? fraction.substring(0, 9) : (fraction + "000000000").substring(0, 9);
        return Integer.parseInt(nine);
    }

    private static String diagnose(String text) {
        String example = "; expected RFC 3339 like 2025-01-31T12:00:00Z or 2025-01-31T13:00:00.5+01:00";
        if (WITHOUT_OFFSET.matcher(text).matches()) {
            return "has no UTC offset (add Z or one like +01:00)" + example;
        }
        return "is not an RFC 3339 date-time" + example;
    }
}
