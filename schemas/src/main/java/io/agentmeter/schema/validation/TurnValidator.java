package io.agentmeter.schema.validation;

import static io.agentmeter.schema.validation.JsonValues.isAbsent;
import static io.agentmeter.schema.validation.JsonValues.isFinite;
import static io.agentmeter.schema.validation.JsonValues.show;
import static io.agentmeter.schema.validation.TurnLimits.MAX_COST_FRACTION_DIGITS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_FUTURE_SKEW;
import static io.agentmeter.schema.validation.TurnLimits.MAX_PARAMS_BYTES;
import static io.agentmeter.schema.validation.TurnLimits.MAX_PARAMS_NUMBER_EXPONENT;
import static io.agentmeter.schema.validation.TurnLimits.MIN_OCCURRED_AT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a turn event (schema v1) and lists every problem at once, in document order, each as a {@link Violation}
 * naming the field and the reason. An empty list means the event is valid.
 *
 * <p>Two layers. The structure (field names and types, required fields, enums, lengths, bounds, patterns, sizes) is
 * the published JSON Schema ({@code schemas/turn-event.v1.schema.json}) itself, compiled once into
 * {@link SchemaChecks}: change the schema and the validator follows. This class adds what a schema cannot say:
 * cache reads and writes within input, reasoning within output, {@code started_at} not after {@code occurred_at},
 * {@code occurred_at} not in the future (beyond {@link TurnLimits#MAX_FUTURE_SKEW}) nor before
 * {@link TurnLimits#MIN_OCCURRED_AT}, the serialized size of {@code params} and the numbers and strings in it, and
 * the precision of {@code reported_cost_usd}; it reads the values the schema's checks accepted, so a value already
 * rejected is not judged twice. (Strings PostgreSQL cannot store, NUL and unpaired surrogates, are refused by the
 * string checks themselves, see {@link StorableText}.)
 *
 * <p>Null for an optional field means "not reported" and is valid. Unknown fields, at any level, are allowed and
 * ignored, so a newer producer never breaks an older server (forward compatibility).
 *
 * <p>Numbers are checked as decimals, never doubles: a count must be a whole number ({@code 12.0} is accepted, as in
 * JSON Schema; {@code 12.5} is not), and a cost keeps every digit. Trees should therefore be parsed with
 * {@link Json#mapper()} (decimals as BigDecimal).
 *
 * <p>Thread-safe and stateless apart from the clock; share one instance.
 */
public final class TurnValidator {

    /** The values the rules below read, by schema pointer; the schema's checks keep each one they accept. */
    private enum Kept {
        OCCURRED_AT("/properties/occurred_at"),
        STARTED_AT("/properties/started_at"),
        INPUT_TOKENS("/properties/usage/properties/input_tokens"),
        OUTPUT_TOKENS("/properties/usage/properties/output_tokens"),
        CACHE_READ_TOKENS("/properties/usage/properties/cache_read_tokens"),
        CACHE_WRITE_TOKENS("/properties/usage/properties/cache_write_tokens"),
        CACHE_WRITE_1H_TOKENS("/properties/usage/properties/cache_write_1h_tokens"),
        REASONING_TOKENS("/properties/usage/properties/reasoning_tokens"),
        REPORTED_COST_USD("/properties/reported_cost_usd"),
        PARAMS("/properties/params");

        private final String pointer;

        Kept(String pointer) {
            this.pointer = pointer;
        }
    }

    private static final SchemaChecks SCHEMA = SchemaChecks.compile(SchemaResource.TURN_EVENT.tree(),
            Arrays.stream(Kept.values()).map(k -> k.pointer).toList());
    private static final int KEPT = Kept.values().length;
    private static final long UNKNOWN = -1;

    private static final Loc OCCURRED_AT = Loc.ROOT.field("occurred_at");
    private static final Loc STARTED_AT = Loc.ROOT.field("started_at");
    private static final Loc USAGE = Loc.ROOT.field("usage");
    private static final Loc REPORTED_COST_USD = Loc.ROOT.field("reported_cost_usd");
    private static final Loc PARAMS = Loc.ROOT.field("params");

    private final Clock clock;

    /** A validator on the system clock, in UTC. */
    public TurnValidator() {
        this(Clock.systemUTC());
    }

    /** A validator that takes "now" (for the future-skew rule) from {@code clock}. */
    public TurnValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Every problem with {@code event}, in document order; empty when it is a valid turn event. At most
     * {@link TurnLimits#MAX_VIOLATIONS} are listed, then one at {@code $} counting the rest.
     */
    public List<Violation> validate(JsonNode event) {
        Run run = new Run(event, KEPT);
        if (SCHEMA.check(run, event) != null) {
            times(run, clock.instant());
            usage(run);
            cost(run);
            JsonNode params = (JsonNode) run.kept(Kept.PARAMS.ordinal());
            if (params != null) {
                params(run, PARAMS, params);
            }
        }
        return run.violations();
    }

    /**
     * The rule for a configuration snapshot ({@code params} of a turn) applied to the field {@code field} of another
     * request, a recording's {@code config}: so both kinds of snapshot are held to the same rule. Every problem, with
     * paths {@code $.<field>...}; empty when the snapshot is absent or valid.
     */
    public static List<Violation> configSnapshot(String field, JsonNode snapshot) {
        if (isAbsent(snapshot)) {
            return List.of();
        }
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set(field, snapshot);
        Run run = new Run(holder, 0);
        Loc loc = Loc.ROOT.field(field);
        if (SCHEMA.at(Kept.PARAMS.pointer).check(run, loc, snapshot) != null) {
            params(run, loc, snapshot);
        }
        return run.violations();
    }

    // ---- what the schema cannot say -------------------------------------------------------------------------

    private static void times(Run run, Instant now) {
        Instant occurredAt = (Instant) run.kept(Kept.OCCURRED_AT.ordinal());
        Instant startedAt = (Instant) run.kept(Kept.STARTED_AT.ordinal());
        if (occurredAt != null) {
            Instant latest = now.plus(MAX_FUTURE_SKEW);
            if (occurredAt.isAfter(latest)) {
                run.add(OCCURRED_AT, "is " + words(Duration.between(now, occurredAt))
                        + " ahead of the server clock (" + now + "); at most " + words(MAX_FUTURE_SKEW)
                        + " of clock skew is allowed (wrong clock, or local time sent as UTC?)");
            }
            if (occurredAt.isBefore(MIN_OCCURRED_AT)) {
                run.add(OCCURRED_AT, "is before " + MIN_OCCURRED_AT + " (a zero or default time?)");
            }
        }
        if (startedAt != null) {
            if (startedAt.isBefore(MIN_OCCURRED_AT)) {
                run.add(STARTED_AT, "is before " + MIN_OCCURRED_AT + " (a zero or default time?)");
            } else if (occurredAt != null && startedAt.isAfter(occurredAt)) {
                run.add(STARTED_AT, "is after occurred_at (" + occurredAt + "); occurred_at is the end of the turn");
            }
        }
    }

    private static void usage(Run run) {
        long input = count(run, Kept.INPUT_TOKENS);
        long output = count(run, Kept.OUTPUT_TOKENS);
        long cacheRead = count(run, Kept.CACHE_READ_TOKENS);
        long cacheWrite = count(run, Kept.CACHE_WRITE_TOKENS);
        long cacheWrite1h = count(run, Kept.CACHE_WRITE_1H_TOKENS);
        long reasoning = count(run, Kept.REASONING_TOKENS);
        if (input != UNKNOWN && cacheRead != UNKNOWN && cacheRead > input) {
            run.add(USAGE.field("cache_read_tokens"), "is " + cacheRead + ", more than input_tokens (" + input
                    + "); input_tokens must include cached reads");
        } else if (input != UNKNOWN && (cacheWrite != UNKNOWN || cacheWrite1h != UNKNOWN)) {
            long cached = Math.max(0, cacheRead) + Math.max(0, cacheWrite) + Math.max(0, cacheWrite1h);
            if (cached > input) {
                run.add(USAGE, "cache_read_tokens + cache_write_tokens + cache_write_1h_tokens is " + cached
                        + ", more than input_tokens (" + input + "); input_tokens must include cache reads"
                        + " and writes");
            }
        }
        if (output != UNKNOWN && reasoning != UNKNOWN && reasoning > output) {
            run.add(USAGE.field("reasoning_tokens"), "is " + reasoning + ", more than output_tokens (" + output
                    + "); reasoning is part of output");
        }
    }

    /** A count the schema accepted (a whole number from 0), or {@link #UNKNOWN}. */
    private static long count(Run run, Kept count) {
        JsonNode node = (JsonNode) run.kept(count.ordinal());
        return node == null ? UNKNOWN : node.longValue();
    }

    private static void cost(Run run) {
        JsonNode usd = (JsonNode) run.kept(Kept.REPORTED_COST_USD.ordinal());
        if (usd != null && !usd.isIntegralNumber()) {
            int digits = usd.decimalValue().stripTrailingZeros().scale();
            if (digits > MAX_COST_FRACTION_DIGITS) {
                run.add(REPORTED_COST_USD, "has " + digits + " digits after the decimal point, at most "
                        + MAX_COST_FRACTION_DIGITS + " are allowed");
            }
        }
    }

    /** A configuration snapshot, already known to be an object: storable inside, and not too large. */
    private static void params(Run run, Loc loc, JsonNode node) {
        storable(run, loc, node);
        long bytes = JsonSize.compactBytes(node);
        if (bytes > MAX_PARAMS_BYTES) {
            run.add(loc, "is " + bytes + " bytes as compact JSON, at most " + MAX_PARAMS_BYTES + " are allowed");
        }
    }

    /** Strings and numbers anywhere in {@code node} that PostgreSQL jsonb or a double could not hold. */
    private static void storable(Run run, Loc loc, JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                Loc child = loc.field(entry.getKey());
                String problem = StorableText.problem(entry.getKey());
                if (problem != null) {
                    run.add(child, "key " + problem);
                }
                storable(run, child, entry.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                storable(run, loc.item(i), node.get(i));
            }
        } else if (node.isTextual()) {
            String problem = StorableText.problem(node.textValue());
            if (problem != null) {
                run.add(loc, problem);
            }
        } else if (node.isNumber() && !node.isIntegralNumber() || node.isBigInteger()) {
            if (!isFinite(node) || exponentOf(node.decimalValue()) > MAX_PARAMS_NUMBER_EXPONENT) {
                run.add(loc, "is outside the range of a double (1e-" + MAX_PARAMS_NUMBER_EXPONENT + " to 1e"
                        + MAX_PARAMS_NUMBER_EXPONENT + "), got " + show(node));
            }
        }
    }

    /** The decimal exponent of {@code value} in scientific notation, as an absolute value (0 for zero). */
    private static int exponentOf(BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        return (int) Math.min(Integer.MAX_VALUE, Math.abs(exponent));
    }

    /** A duration in words: "2h 5m", "10m", "45s". */
    private static String words(Duration duration) {
        long seconds = duration.getSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append("h");
        }
        if (minutes > 0) {
            out.append(out.isEmpty() ? "" : " ").append(minutes).append("m");
        }
        if (rest > 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(rest).append("s");
        }
        return out.toString();
    }
}
