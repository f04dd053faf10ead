package io.agentmeter.query.series;

import io.agentmeter.query.figures.Figures;
import io.agentmeter.query.figures.Metric;
import io.agentmeter.query.figures.Needs;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.Interval;
import io.agentmeter.query.source.Bucketing;
import io.agentmeter.query.source.FiguresSource;
import io.agentmeter.query.source.ReadPool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** Cost per hour and per day, and the projections to the end of the day and month. See {@link BurnRate}. */
@ApplicationScoped
public class BurnRateService {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final int PROJECTION_SCALE = 10;

    private final FiguresSource source;
    private final ReadPool pool;

    public BurnRateService(FiguresSource source, ReadPool pool) {
        this.source = source;
        this.pool = pool;
    }

    /** @param filter its range is ignored: the windows end at {@code at} */
    public BurnRate burnRate(Filter filter, Instant at) {
        ZonedDateTime local = at.atZone(filter.zone());
        ZonedDateTime dayStart = Interval.DAY.truncate(local);
        ZonedDateTime monthStart = Interval.MONTH.truncate(local);
        ZonedDateTime endOfDay = Interval.DAY.next(dayStart);
        ZonedDateTime endOfMonth = Interval.MONTH.next(monthStart);
        List<BurnRate.Window> windows = pool.parts(List.of(
                () -> window(filter, at.minus(Duration.ofHours(1)), at),
                () -> window(filter, at.minus(Duration.ofDays(1)), at),
                () -> window(filter, dayStart.toInstant(), at),
                () -> window(filter, monthStart.toInstant(), at)));
        BurnRate.Window hour = windows.get(0);
        BurnRate.Window day = windows.get(1);
        BurnRate.Window today = windows.get(2);
        BurnRate.Window month = windows.get(3);
        BigDecimal perHour = known(hour);
        BigDecimal perDay = known(day);
        BigDecimal projectedDay = project(known(today), perHour,
                Duration.between(at, endOfDay.toInstant()).getSeconds(), SECONDS_PER_HOUR);
        BigDecimal projectedMonth = project(known(month), perDay,
                Duration.between(at, endOfMonth.toInstant()).getSeconds(), SECONDS_PER_DAY);
        return new BurnRate(at, filter.zone().getId(), hour, day, today, month, perHour, perDay,
                endOfDay.toOffsetDateTime(), endOfMonth.toOffsetDateTime(), projectedDay, projectedMonth);
    }

    private BurnRate.Window window(Filter filter, Instant from, Instant to) throws java.sql.SQLException {
        if (!from.isBefore(to)) {
            return new BurnRate.Window(from, to, 0, BigDecimal.ZERO, 0, 0, 0);
        }
        Figures f = source.read(filter.withRange(from, to), Bucketing.none(), Optional.empty(),
                Needs.of(Metric.COST)).total();
        return new BurnRate.Window(from, to, f.turns(), f.costUsd(), f.costTurns(), f.unpricedTurns(),
                f.incompleteCostTurns());
    }

    /** The window's cost: 0 when it had no turns, null when it had turns but none with a known cost. */
    private static BigDecimal known(BurnRate.Window w) {
        if (w.costUsd() != null) {
            return w.costUsd();
        }
        return w.turns() == 0 ? BigDecimal.ZERO : null;
    }

    private static BigDecimal project(BigDecimal soFar, BigDecimal rate, long secondsLeft, BigDecimal perSeconds) {
        if (soFar == null || rate == null) {
            return null;
        }
        BigDecimal more = rate.multiply(BigDecimal.valueOf(Math.max(0, secondsLeft)))
                .divide(perSeconds, PROJECTION_SCALE, RoundingMode.HALF_EVEN);
        return soFar.add(more).setScale(Math.max(PROJECTION_SCALE, soFar.scale()), RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
    }
}
