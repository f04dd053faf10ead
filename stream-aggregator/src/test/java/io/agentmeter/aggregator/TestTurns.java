package io.agentmeter.aggregator;

import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Builds turn events for tests: a fluent copy-on-write builder over {@link TurnEvent}. */
final class TestTurns {

    static final String TENANT = "acme";

    private TestTurns() {
    }

    static Builder turn(String eventId, Instant at) {
        return new Builder(eventId, at);
    }

    static final class Builder {
        String tenant = TENANT;
        String eventId;
        Instant at;
        String session = "s1";
        String model = "test-model";
        String provider = "testprov";
        String project = "p1";
        String agent = "planner";
        String user;
        Long durationMs = 1000L;
        String status = "ok";
        Usage usage = new Usage(1000L, 100L, null, null, null, null, 1100L);
        List<ToolUse> tools;
        BigDecimal reported;
        String recording;

        Builder(String eventId, Instant at) {
            this.eventId = eventId;
            this.at = at;
        }

        Builder tenant(String v) { tenant = v; return this; }
        Builder session(String v) { session = v; return this; }
        Builder model(String v) { model = v; return this; }
        Builder provider(String v) { provider = v; return this; }
        Builder project(String v) { project = v; return this; }
        Builder agent(String v) { agent = v; return this; }
        Builder user(String v) { user = v; return this; }
        Builder duration(Long v) { durationMs = v; return this; }
        Builder error() { status = "error"; return this; }
        Builder usage(Usage v) { usage = v; return this; }
        Builder tokens(Long input, Long output) { usage = new Usage(input, output, null, null, null, null, null); return this; }
        Builder tools(ToolUse... v) { tools = List.of(v); return this; }
        Builder reported(String usd) { reported = new BigDecimal(usd); return this; }
        Builder recording(String v) { recording = v; return this; }

        TurnEvent build() {
            return new TurnEvent(1, tenant, eventId, at, session, model, provider, project, agent, user, null, null,
                    null, null, durationMs, status, null, usage, null, null, tools, reported, null, null, null, recording);
        }
    }
}
