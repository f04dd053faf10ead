package io.agentmeter.ingest.turns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.validation.TurnLimits;
import io.agentmeter.schema.validation.TurnValidator;
import io.agentmeter.schema.validation.Violation;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Makes one parsed item ready for Kafka: stamps the caller's tenant (and a project-bound key's project) over whatever
 * the payload said, checks it with the shared {@link TurnValidator}, and makes the record value.
 *
 * <p>The value published is the event as sent, never a re-encoding through
 * {@link io.agentmeter.schema.event.TurnEvent}: when the payload has no {@code tenant_id} (and, for a project-bound
 * key, no {@code project}) it is the sent bytes themselves with the gateway's fields appended; otherwise it is the
 * sent event written back as compact JSON with those fields replaced in place (unknown fields, time offsets and number
 * spellings kept either way). The item is parsed once and validated on that tree.
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

    /** Prepares an item the gateway built itself (no bytes as sent). */
    public Prepared prepare(int index, JsonNode item, Caller caller) {
        return prepare(index, item, caller, null, 0, 0);
    }

    /**
     * Prepares an item read from {@code source[offset, offset + length)}.
     *
     * @param source the bytes the item was parsed from, or null
     */
    public Prepared prepare(int index, JsonNode item, Caller caller, byte[] source, int offset, int length) {
        boolean appendable = source != null && item instanceof ObjectNode && !item.isEmpty()
                && !item.has("tenant_id") && (caller.project().isEmpty() || !item.has("project"));
        if (item instanceof ObjectNode event) {
            event.put("tenant_id", caller.tenantId());
            caller.project().ifPresent(project -> event.put("project", project));
        }
        List<Violation> violations = validator.validate(item);
        String eventId = eventIdOf(item);
        if (!violations.isEmpty()) {
            return new Rejected(index, eventId, violations);
        }
        byte[] value = appendable ? append(source, offset, length, caller) : write(item);
        if (value.length > TurnLimits.MAX_EVENT_BYTES && appendable) {
            // Sent with a lot of whitespace, perhaps: the compact form may fit.
            value = write(item);
        }
        if (value.length > TurnLimits.MAX_EVENT_BYTES) {
            return new Rejected(index, eventId, List.of(new Violation("$", "is " + value.length
                    + " bytes as compact JSON with tenant_id, at most " + TurnLimits.MAX_EVENT_BYTES
                    + " are allowed")));
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

    /**
     * The object's bytes as sent, up to its closing brace, then {@code ,"tenant_id":"..."} (and the project) and the
     * brace. Whitespace around the object is dropped.
     */
    private static byte[] append(byte[] source, int offset, int length, Caller caller) {
        int close = offset + length - 1;
        while (close > offset && source[close] != '}') {
            close--;
        }
        int start = offset;
        while (start < close && source[start] != '{') {
            start++;
        }
        byte[] fields = fields(caller);
        byte[] value = new byte[close - start + fields.length + 1];
        System.arraycopy(source, start, value, 0, close - start);
        System.arraycopy(fields, 0, value, close - start, fields.length);
        value[value.length - 1] = '}';
        return value;
    }

    private static byte[] fields(Caller caller) {
        StringBuilder fields = new StringBuilder(",\"tenant_id\":");
        // Tenant ids are letters, digits, '.', '_' and '-' (TenantId): nothing to escape.
        fields.append('"').append(caller.tenantId()).append('"');
        caller.project().ifPresent(project -> {
            fields.append(",\"project\":");
            fields.append(new String(write(com.fasterxml.jackson.databind.node.TextNode.valueOf(project)),
                    java.nio.charset.StandardCharsets.UTF_8));
        });
        return fields.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] write(JsonNode item) {
        try {
            return COMPACT.writeValueAsBytes(item);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a parsed event back as JSON", e);
        }
    }
}
