package io.agentmeter.cli.send;

import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.event.TurnEvent;
import java.util.List;

/** Turn events to the ingest gateway's {@code POST /v1/turns}, activity events to its {@code POST /v1/activity}. */
public final class HttpSink implements EventSink {

    private final GatewayClient gateway;

    public HttpSink(GatewayClient gateway) {
        this.gateway = gateway;
    }

    @Override
    public SendResult send(List<TurnEvent> events) throws SendException {
        return gateway.postTurns(events);
    }

    @Override
    public SendResult sendActivity(List<ActivityEvent> events) throws SendException {
        return gateway.postActivity(events);
    }

    @Override
    public String describe() {
        return "the ingest gateway at " + gateway.base();
    }
}
