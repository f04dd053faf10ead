package io.agentmeter.query.series;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.agentmeter.query.http.Tabular;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How fast money is being spent, and where that pace leads by the end of the day and month (in tz).
 *
 * <p>{@code cost_per_hour_usd} is the cost of the last hour, {@code cost_per_day_usd} of the last 24 hours.
 * {@code projected_end_of_day_usd} = today so far + cost_per_hour × hours left today;
 * {@code projected_end_of_month_usd} = this month so far + cost_per_day × days left this month. A rate is null
 * (unknown) when its window had turns but none with a known cost; it is 0 when the window had no turns. Projections
 * are rounded to 10 decimal places; every other amount is exact.
 */
@Schema(name = "BurnRate")
public record BurnRate(
        Instant at,
        String tz,
        Window lastHour,
        @JsonProperty("last_24_hours") Window last24Hours,
        Window today,
        Window thisMonth,
        BigDecimal costPerHourUsd,
        BigDecimal costPerDayUsd,
        OffsetDateTime endOfDay,
        OffsetDateTime endOfMonth,
        BigDecimal projectedEndOfDayUsd,
        BigDecimal projectedEndOfMonthUsd) implements Tabular {

    /** The cost of one window; unpriced and incomplete turns are counted, not priced at $0. */
    @Schema(name = "BurnWindow")
    public record Window(Instant from, Instant to, long turns, BigDecimal costUsd, long costTurns,
                         long unpricedTurns, long incompleteCostTurns) {
    }

    @Override
    public List<String> columns() {
        return List.of("window", "from", "to", "turns", "cost_usd", "cost_turns", "unpriced_turns",
                "incomplete_cost_turns");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("last_hour", lastHour));
        rows.add(row("last_24_hours", last24Hours));
        rows.add(row("today", today));
        rows.add(row("this_month", thisMonth));
        rows.add(Arrays.asList("projected_end_of_day", at, endOfDay, null, projectedEndOfDayUsd, null, null, null));
        rows.add(Arrays.asList("projected_end_of_month", at, endOfMonth, null, projectedEndOfMonthUsd, null, null,
                null));
        return rows;
    }

    private static List<Object> row(String name, Window w) {
        return Arrays.asList(name, w.from(), w.to(), w.turns(), w.costUsd(), w.costTurns(), w.unpricedTurns(),
                w.incompleteCostTurns());
    }
}
