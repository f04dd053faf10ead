package io.agentmeter.schema.validation;

import static io.agentmeter.schema.validation.TurnLimits.MAX_FUTURE_SKEW;
import static io.agentmeter.schema.validation.TurnLimits.MIN_OCCURRED_AT;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.validation.SchemaChecks.Wording;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks an activity event (schema v1) and lists every problem at once, in document order, each naming the field and
 * the reason, as {@link TurnValidator} does for turns and with the same text rule ({@link StorableText}).
 *
 * <p>The structure is the published JSON Schema ({@code schemas/activity-event.v1.schema.json}) compiled into
 * {@link SchemaChecks}; this class adds the clock rules of {@code occurred_at} (the turn event's: at most
 * {@link TurnLimits#MAX_FUTURE_SKEW} ahead, not before {@link TurnLimits#MIN_OCCURRED_AT}). The payload's length is
 * not a rule here: a long payload is cut ({@link ActivityPayload}) before it is judged, never rejected.
 *
 * <p>Thread-safe and stateless apart from the clock; share one instance.
 */
public final class ActivityValidator {

    /** The most bytes of an activity event as compact JSON, once its payload is cut. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;

    /** What a value must be, where the schema's types say too little. */
    private static final Wording WORDING = new Wording(SchemaResource.ACTIVITY_EVENT.resource(),
            Map.of("", "a JSON object (one activity event)",
                    "/properties/schema_version", "1, the only version this server reads",
                    "/properties/payload", "a string (text; send structured data as its JSON text)"),
            Map.of(), Map.of(), Map.of());
    private static final String OCCURRED_AT_POINTER = "/properties/occurred_at";
    private static final SchemaChecks SCHEMA = SchemaChecks.compile(SchemaResource.ACTIVITY_EVENT.tree(), WORDING,
            List.of(OCCURRED_AT_POINTER));
    private static final Loc OCCURRED_AT = Loc.ROOT.field("occurred_at");

    private final Clock clock;

    public ActivityValidator() {
        this(Clock.systemUTC());
    }

    public ActivityValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every problem with {@code event}, in document order; empty when it is a valid activity event. */
    public List<Violation> validate(JsonNode event) {
        Run run = new Run(event, 1);
        if (SCHEMA.check(run, event) != null) {
            Instant occurredAt = (Instant) run.kept(0);
            if (occurredAt != null) {
                Instant now = clock.instant();
                if (occurredAt.isAfter(now.plus(MAX_FUTURE_SKEW))) {
                    run.add(OCCURRED_AT, "is " + Duration.between(now, occurredAt).toSeconds()
                            + " s ahead of the server clock (" + now + "); at most " + MAX_FUTURE_SKEW.toMinutes()
                            + " minutes of clock skew are allowed (wrong clock, or local time sent as UTC?)");
                }
                if (occurredAt.isBefore(MIN_OCCURRED_AT)) {
                    run.add(OCCURRED_AT, "is before " + MIN_OCCURRED_AT + " (a zero or default time?)");
                }
            }
        }
        return run.violations();
    }
}
