package io.agentmeter.writer.sink;

import io.agentmeter.schema.RecordTenant;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityEventReader;
import io.agentmeter.schema.kafka.Topics;

/**
 * Reads the records of {@code agent-activity}: the gateway's (checked already) and direct Kafka producers' (checked
 * here, by the same contract), so nothing invalid is stored whichever door it came through. A record without a
 * valid event, or whose tenant does not agree with its key ({@link RecordTenant}), is refused with the field and the
 * reason; the sink logs, counts and skips it.
 */
final class ActivityRecords {

    private static final ActivityEventReader READER = new ActivityEventReader();

    private ActivityRecords() {
    }

    static final SinkKind<ActivityEvent> KIND = new SinkKind<>("activity", Topics.AGENT_ACTIVITY.name(),
            ActivityRecords::read, ActivityEvent::occurredAt);

    static ActivityEvent read(String key, byte[] value) {
        ActivityEvent event = READER.read(value).orElseThrow();
        RecordTenant tenant = RecordTenant.of(event.tenantId(), key);
        if (!tenant.isKnown()) {
            throw new IllegalArgumentException("$.tenant_id " + tenant.problem());
        }
        return event.tenantId() == null ? event.withTenant(tenant.tenant()) : event;
    }
}
