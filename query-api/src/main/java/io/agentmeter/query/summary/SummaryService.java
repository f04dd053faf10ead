package io.agentmeter.query.summary;

import io.agentmeter.query.figures.FiguresView;
import io.agentmeter.query.http.Database;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.source.Bucketing;
import io.agentmeter.query.source.FiguresSource;
import io.agentmeter.query.source.SessionCountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Totals of a range and of the period before it. */
@ApplicationScoped
public class SummaryService {

    private final FiguresSource source;
    private final SessionCountRepository sessions;

    public SummaryService(FiguresSource source, SessionCountRepository sessions) {
        this.source = source;
        this.sessions = sessions;
    }

    public Summary summary(Filter filter, boolean latency) {
        return new Summary(period(filter, latency), period(filter.previousPeriod(), latency));
    }

    private Summary.Period period(Filter filter, boolean latency) {
        return Database.call(() -> {
            FiguresSource.Result result = source.read(filter, Bucketing.none(), Optional.empty(), latency);
            return new Summary.Period(filter.from(), filter.to(), sessions.count(filter),
                    FiguresView.of(result.total()), result.servedFrom());
        });
    }
}
