package io.agentmeter.query.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.query.params.Interval;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BucketingTest {

    private static final Instant FROM = Instant.parse("2026-03-20T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-05T00:00:00Z");

    @Test
    void shouldUseDailyRollupsForDaysInUtcOnly() {
        assertThat(Bucketing.truncate(Interval.DAY, ZoneId.of("UTC")).largestWindow(FROM, TO))
                .isEqualTo(WindowSize.ONE_DAY);
        assertThat(Bucketing.truncate(Interval.DAY, ZoneId.of("Europe/Berlin")).largestWindow(FROM, TO))
                .isEqualTo(WindowSize.ONE_HOUR);
        assertThat(Bucketing.truncate(Interval.MONTH, ZoneId.of("Asia/Kolkata")).largestWindow(FROM, TO))
                .isEqualTo(WindowSize.ONE_MINUTE);
    }

    @Test
    void shouldUseHourlyRollupsForHoursInWholeHourZones() {
        assertThat(Bucketing.truncate(Interval.HOUR, ZoneId.of("America/New_York")).largestWindow(FROM, TO))
                .isEqualTo(WindowSize.ONE_HOUR);
        assertThat(Bucketing.hourOfWeek(ZoneId.of("Asia/Kathmandu")).largestWindow(FROM, TO))
                .isEqualTo(WindowSize.ONE_MINUTE);
        assertThat(Bucketing.truncate(Interval.MINUTE, ZoneId.of("UTC")).largestWindow(FROM, TO))
                .isEqualTo(WindowSize.ONE_MINUTE);
        assertThat(Bucketing.none().largestWindow(FROM, TO)).isEqualTo(WindowSize.ONE_DAY);
    }

    @Test
    void shouldNoticeAnOffsetChangeInsideTheRange() {
        // Lord Howe Island is +11:00 in March and moves 30 minutes back on 5 April 2026.
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        Bucketing hours = Bucketing.truncate(Interval.HOUR, lordHowe);
        assertThat(hours.largestWindow(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")))
                .isEqualTo(WindowSize.ONE_HOUR);
        assertThat(hours.largestWindow(Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-10T00:00:00Z")))
                .isEqualTo(WindowSize.ONE_MINUTE);
    }
}
