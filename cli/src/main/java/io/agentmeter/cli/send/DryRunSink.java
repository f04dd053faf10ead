package io.agentmeter.cli.send;

import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityEventWriter;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import java.io.PrintStream;
import java.util.List;

/** --dry-run: every event as one NDJSON line on {@code out}; nothing is sent. */
public final class DryRunSink implements EventSink {

    private final PrintStream out;

    public DryRunSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public SendResult send(List<TurnEvent> events) {
        for (TurnEvent event : events) {
            out.println(TurnEventWriter.toJson(event));
        }
        out.flush();
        return SendResult.allAccepted(events.size());
    }

    @Override
    public SendResult sendActivity(List<ActivityEvent> events) {
        for (ActivityEvent event : events) {
            out.println(ActivityEventWriter.toJson(event));
        }
        out.flush();
        return SendResult.allAccepted(events.size());
    }

    @Override
    public String describe() {
        return "standard output (dry run)";
    }
}
