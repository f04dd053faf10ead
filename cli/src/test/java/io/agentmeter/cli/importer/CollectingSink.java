package io.agentmeter.cli.importer;

import io.agentmeter.cli.send.EventSink;
import io.agentmeter.cli.send.SendException;
import io.agentmeter.cli.send.SendResult;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.event.TurnEvent;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is sent; it can be told to fail its next sends. */
final class CollectingSink implements EventSink {

    final List<TurnEvent> events = new ArrayList<>();
    final List<Integer> batchSizes = new ArrayList<>();
    final List<ActivityEvent> activities = new ArrayList<>();
    int failNext;

    @Override
    public synchronized SendResult send(List<TurnEvent> batch) throws SendException {
        if (failNext > 0) {
            failNext--;
            throw new SendException("test: destination away", true);
        }
        batchSizes.add(batch.size());
        events.addAll(batch);
        return SendResult.allAccepted(batch.size());
    }

    @Override
    public synchronized SendResult sendActivity(List<ActivityEvent> batch) throws SendException {
        if (failNext > 0) {
            failNext--;
            throw new SendException("test: destination away", true);
        }
        activities.addAll(batch);
        return SendResult.allAccepted(batch.size());
    }

    synchronized List<ActivityEvent> activities() {
        return List.copyOf(activities);
    }

    @Override
    public String describe() {
        return "the test sink";
    }

    synchronized List<String> ids() {
        return events.stream().map(TurnEvent::eventId).toList();
    }
}
