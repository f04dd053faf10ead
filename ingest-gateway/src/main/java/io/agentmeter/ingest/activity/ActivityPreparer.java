package io.agentmeter.ingest.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.turns.TurnPreparer.Accepted;
import io.agentmeter.ingest.turns.TurnPreparer.Prepared;
import io.agentmeter.ingest.turns.TurnPreparer.Rejected;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.activity.ActivityEventReader;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.validation.ActivityPayload;
import io.agentmeter.schema.validation.TurnLimits;
import io.agentmeter.schema.validation.Violation;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Makes one parsed activity item ready for Kafka: stamps the caller's tenant (and a project-bound key's project) over
 * the payload's, drops the {@code payload} text when the tenant keeps none ({@link Caller#keepActivityPayloads()}),
 * cuts an oversized payload with its marker ({@link ActivityPayload}), checks the result with the shared
 * {@link ActivityEventReader#check} and writes it as compact JSON: the value published is the event as checked
 * (unlike turns, never the bytes as sent, since the payload may have been cut or dropped).
 */
public final class ActivityPreparer {

    private static final ObjectWriter COMPACT = Json.mapper().writer();

    private final ActivityEventReader reader;

    public ActivityPreparer(ActivityEventReader reader) {
        this.reader = reader;
    }

    /** An item ready to publish, or every reason it is not. */
    public Prepared prepare(int index, JsonNode item, Caller caller) {
        if (item instanceof ObjectNode event) {
            event.put("tenant_id", caller.tenantId());
            caller.project().ifPresent(project -> event.put("project", project));
            if (!caller.keepActivityPayloads()) {
                event.remove(ActivityPayload.FIELD);
            }
        }
        String eventId = eventIdOf(item);
        List<Violation> violations = reader.check(item);
        if (!violations.isEmpty()) {
            return new Rejected(index, eventId, violations);
        }
        return new Accepted(index, eventId, Keys.session(caller.tenantId(), item.get("session_id").textValue()),
                write(item));
    }

    private static String eventIdOf(JsonNode item) {
        JsonNode id = item == null ? null : item.get("event_id");
        return id != null && id.isTextual() && id.textValue().length() <= TurnLimits.MAX_ID_LENGTH
                ? id.textValue() : null;
    }

    private static byte[] write(JsonNode item) {
        try {
            return COMPACT.writeValueAsBytes(item);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a checked activity event as JSON", e);
        }
    }
}
