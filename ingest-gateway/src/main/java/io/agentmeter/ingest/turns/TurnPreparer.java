package io.agentmeter.ingest.turns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.kafka.Keys;
import io.agentmeter.schema.validation.TurnLimits;
import io.agentmeter.schema.validation.TurnValidator;
import io.agentmeter.schema.validation.Violation;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Makes one parsed item ready for Kafka: stamps the caller's tenant (and a project-bound key's project) over whatever
 * the payload said, checks it with the shared {@link TurnValidator}, and writes it back as compact JSON.
 *
 * <p>The value published is the event as sent, field for field (unknown fields, time offsets and number spellings
 * kept), never a re-encoding through {@link io.agentmeter.schema.event.TurnEvent}; only {@code tenant_id} and, for a
 * project-bound key, {@code project} are set by the gateway. The item is parsed once and validated on that tree.
 */
public final class TurnPreparer {

    private static final ObjectWriter COMPACT = Json.mapper().writer();

    private final TurnValidator validator;

    public TurnPreparer(TurnValidator validator) {
        this.validator = validator;
    }

    /** An item ready to publish, or every reason it is not. */
    public sealed interface Prepared permits Accepted, Rejected {
        int index();
    }

    /** A valid event: its record key and value. */
    public record Accepted(int index, String eventId, String key, byte[] value) implements Prepared {
    }

    /**
     * An item that is not a valid event.
     *
     * @param eventId the item's {@code event_id} when it has a string one of at most
     *                {@link TurnLimits#MAX_ID_LENGTH} characters, else null
     */
    public record Rejected(int index, String eventId, List<Violation> errors) implements Prepared {
    }

    public Prepared prepare(int index, JsonNode item, Caller caller) {
        if (item instanceof ObjectNode event) {
            event.put("tenant_id", caller.tenantId());
            caller.project().ifPresent(project -> event.put("project", project));
        }
        List<Violation> violations = validator.validate(item);
        String eventId = eventIdOf(item);
        if (!violations.isEmpty()) {
            return new Rejected(index, eventId, violations);
        }
        byte[] value = write(item);
        if (value.length > TurnLimits.MAX_EVENT_BYTES) {
            return new Rejected(index, eventId, List.of(new Violation("$", "is " + value.length
                    + " bytes as compact JSON, at most " + TurnLimits.MAX_EVENT_BYTES + " are allowed")));
        }
        return new Accepted(index, eventId, Keys.session(caller.tenantId(), item.get("session_id").textValue()),
                value);
    }

    private static String eventIdOf(JsonNode item) {
        JsonNode id = item == null ? null : item.get("event_id");
        // Echoed back in the answer, so only when it could be an id at all.
        return id != null && id.isTextual() && id.textValue().length() <= TurnLimits.MAX_ID_LENGTH
                ? id.textValue() : null;
    }

    private static byte[] write(JsonNode item) {
        try {
            return COMPACT.writeValueAsBytes(item);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a parsed event back as JSON", e);
        }
    }
}
