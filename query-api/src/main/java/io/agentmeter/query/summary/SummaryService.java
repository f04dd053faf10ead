package io.agentmeter.query.summary;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.figures.Needs;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.source.Bucketing;
import io.agentmeter.query.source.FiguresSource;
import io.agentmeter.query.source.ReadPool;
import io.agentmeter.query.source.SessionCountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Totals of a range and of the period before it. */
@ApplicationScoped
public class SummaryService {

    private final FiguresSource source;
    private final SessionCountRepository sessions;
    private final ReadPool pool;

    public SummaryService(FiguresSource source, SessionCountRepository sessions, ReadPool pool) {
        this.source = source;
        this.sessions = sessions;
        this.pool = pool;
    }

    public Summary summary(Filter filter, boolean latency) {
        Filter previous = filter.previousPeriod();
        Needs needs = Needs.ALL.withSketches(latency);
        List<Object> parts = pool.parts(List.of(
                () -> source.read(filter, Bucketing.none(), Optional.empty(), needs),
                () -> source.read(previous, Bucketing.none(), Optional.empty(), needs),
                () -> sessions.count(filter),
                () -> sessions.count(previous)));
        return new Summary(period(filter, (FiguresSource.Result) parts.get(0), (Long) parts.get(2)),
                period(previous, (FiguresSource.Result) parts.get(1), (Long) parts.get(3)));
    }

    private static Summary.Period period(Filter filter, FiguresSource.Result result, long sessions) {
        return new Summary.Period(filter.from(), filter.to(), sessions, FiguresView.of(result.total()),
                result.servedFrom());
    }
}
