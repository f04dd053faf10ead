package io.agentmeter.schema.validation;

import static io.agentmeter.schema.validation.TurnLimits.MAX_COST_FRACTION_DIGITS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_DURATION_MS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_FUTURE_SKEW;
import static io.agentmeter.schema.validation.TurnLimits.MAX_ID_LENGTH;
import static io.agentmeter.schema.validation.TurnLimits.MAX_LABELS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_LABEL_KEY_CHARS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_LABEL_VALUE_CHARS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_PARAMS_BYTES;
import static io.agentmeter.schema.validation.TurnLimits.MAX_PARAMS_NUMBER_EXPONENT;
import static io.agentmeter.schema.validation.TurnLimits.MAX_PROMPT_TEXT_CHARS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_REPORTED_COST_USD;
import static io.agentmeter.schema.validation.TurnLimits.MAX_TOKEN_COUNT;
import static io.agentmeter.schema.validation.TurnLimits.MAX_TOOLS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_TOOL_CALLS;
import static io.agentmeter.schema.validation.TurnLimits.MAX_TURN_INDEX;
import static io.agentmeter.schema.validation.TurnLimits.MAX_VIOLATIONS;
import static io.agentmeter.schema.validation.TurnLimits.MIN_OCCURRED_AT;
import static io.agentmeter.schema.validation.TurnLimits.SCHEMA_VERSION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.TenantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a turn event (schema v1) and lists every problem at once, in document order, each as a {@link Violation}
 * naming the field and the reason. An empty list means the event is valid.
 *
 * <p>What it checks, beyond the published JSON Schema ({@code schemas/turn-event.v1.schema.json}), is what a schema
 * cannot say: cache reads and writes within input, reasoning within output, {@code started_at} not after
 * {@code occurred_at}, {@code occurred_at} not in the future (beyond {@link TurnLimits#MAX_FUTURE_SKEW}) nor before
 * {@link TurnLimits#MIN_OCCURRED_AT}, the serialized size of {@code params}, the precision of
 * {@code reported_cost_usd}, and strings PostgreSQL cannot store (NUL, unpaired surrogates).
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

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int SHOWN_CHARS = 40;
    private static final int SHOWN_KEY_CHARS = 100;

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
        Run run = new Run(event, clock.instant());
        run.event();
        return run.violations();
    }

    /**
     * The rule for a configuration snapshot ({@code params} of a turn) applied to the field {@code field} of another
     * request, a recording's {@code config}: so both kinds of snapshot are held to the same rule. Every problem, with
     * paths {@code $.<field>...}; empty when the snapshot is absent or valid.
     */
    public static List<Violation> configSnapshot(String field, JsonNode snapshot) {
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set(field, snapshot);
        Run run = new Run(holder, Instant.EPOCH);
        run.params(Loc.ROOT.field(field), snapshot);
        return run.violations();
    }

    /** One validation: the event, "now", and what was found so far. */
    private static final class Run {

        private final JsonNode root;
        private final Instant now;
        private final List<Found> found = new ArrayList<>();

        Run(JsonNode root, Instant now) {
            this.root = root;
            this.now = now;
        }

        void event() {
            if (root == null || !root.isObject()) {
                add(Loc.ROOT, "must be a JSON object (one turn event), got " + typeOf(root));
                return;
            }
            schemaVersion(Loc.ROOT.field("schema_version"), root.get("schema_version"));
            tenantId(Loc.ROOT.field("tenant_id"), root.get("tenant_id"));
            requiredText("event_id");
            Instant occurredAt = time(Loc.ROOT.field("occurred_at"), root.get("occurred_at"), true);
            requiredText("session_id");
            requiredText("model");
            for (String name : List.of("provider", "project", "agent", "user_id", "conversation_id", "thread_id")) {
                optionalText(Loc.ROOT.field(name), root.get(name), MAX_ID_LENGTH);
            }
            integer(Loc.ROOT.field("turn_index"), root.get("turn_index"), MAX_TURN_INDEX);
            Instant startedAt = time(Loc.ROOT.field("started_at"), root.get("started_at"), false);
            integer(Loc.ROOT.field("duration_ms"), root.get("duration_ms"), MAX_DURATION_MS);
            status(Loc.ROOT.field("status"), root.get("status"));
            optionalText(Loc.ROOT.field("error_type"), root.get("error_type"), MAX_ID_LENGTH);
            times(occurredAt, startedAt);
            usage(Loc.ROOT.field("usage"), root.get("usage"));
            tokenBreakdown(Loc.ROOT.field("token_breakdown"), root.get("token_breakdown"));
            context(Loc.ROOT.field("context"), root.get("context"));
            tools(Loc.ROOT.field("tools"), root.get("tools"));
            cost(Loc.ROOT.field("reported_cost_usd"), root.get("reported_cost_usd"));
            params(Loc.ROOT.field("params"), root.get("params"));
            prompt(Loc.ROOT.field("prompt"), root.get("prompt"));
            labels(Loc.ROOT.field("labels"), root.get("labels"));
            optionalText(Loc.ROOT.field("recording_id"), root.get("recording_id"), MAX_ID_LENGTH);
        }

        // ---- top-level fields ------------------------------------------------------------------------------

        private void schemaVersion(Loc loc, JsonNode node) {
            if (isAbsent(node)) {
                return;
            }
            if (!node.isNumber() || !isWhole(node) || decimal(node).compareTo(BigDecimal.valueOf(SCHEMA_VERSION)) != 0) {
                add(loc, "must be " + SCHEMA_VERSION + ", the only version this server reads, got " + show(node));
            }
        }

        private void tenantId(Loc loc, JsonNode node) {
            String tenant = optionalText(loc, node, TenantId.MAX_LENGTH);
            if (tenant != null && !TenantId.isValid(tenant)) {
                add(loc, "must be 1 to " + TenantId.MAX_LENGTH + " letters, digits, '.', '_' or '-', got "
                        + show(node));
            }
        }

        private void requiredText(String name) {
            Loc loc = Loc.ROOT.field(name);
            JsonNode node = root.get(name);
            if (node == null) {
                add(loc, "is required");
            } else if (node.isNull()) {
                add(loc, "is required, got null");
            } else if (!node.isTextual()) {
                add(loc, "must be a string, got " + typeOf(node));
            } else if (node.textValue().isBlank()) {
                add(loc, "must not be blank");
            } else {
                text(loc, node.textValue(), MAX_ID_LENGTH);
            }
        }

        private Instant time(Loc loc, JsonNode node, boolean required) {
            if (isAbsent(node)) {
                if (required) {
                    add(loc, node == null ? "is required" : "is required, got null");
                }
                return null;
            }
            if (!node.isTextual()) {
                add(loc, "must be an RFC 3339 date-time string like 2025-01-31T12:00:00Z, got " + typeOf(node)
                        + (node.isNumber() ? " (epoch numbers are not accepted)" : ""));
                return null;
            }
            try {
                return Rfc3339.parse(node.textValue());
            } catch (DateTimeException e) {
                add(loc, e.getMessage() + ", got " + show(node));
                return null;
            }
        }

        private void times(Instant occurredAt, Instant startedAt) {
            if (occurredAt != null) {
                Instant latest = now.plus(MAX_FUTURE_SKEW);
                if (occurredAt.isAfter(latest)) {
                    add(Loc.ROOT.field("occurred_at"), "is " + words(Duration.between(now, occurredAt))
                            + " ahead of the server clock (" + now + "); at most " + words(MAX_FUTURE_SKEW)
                            + " of clock skew is allowed (wrong clock, or local time sent as UTC?)");
                }
                if (occurredAt.isBefore(MIN_OCCURRED_AT)) {
                    add(Loc.ROOT.field("occurred_at"), "is before " + MIN_OCCURRED_AT
                            + " (a zero or default time?)");
                }
            }
            if (startedAt != null) {
                if (startedAt.isBefore(MIN_OCCURRED_AT)) {
                    add(Loc.ROOT.field("started_at"), "is before " + MIN_OCCURRED_AT + " (a zero or default time?)");
                } else if (occurredAt != null && startedAt.isAfter(occurredAt)) {
                    add(Loc.ROOT.field("started_at"), "is after occurred_at (" + occurredAt
                            + "); occurred_at is the end of the turn");
                }
            }
        }

        private void status(Loc loc, JsonNode node) {
            String status = optionalText(loc, node, MAX_ID_LENGTH);
            if (status != null && !"ok".equals(status) && !"error".equals(status)) {
                add(loc, "must be \"ok\" or \"error\", got " + show(node));
            }
        }

        // ---- token blocks ----------------------------------------------------------------------------------

        private void usage(Loc loc, JsonNode node) {
            if (!isObject(loc, node)) {
                return;
            }
            Long input = count(loc, node, "input_tokens");
            Long output = count(loc, node, "output_tokens");
            Long cacheRead = count(loc, node, "cache_read_tokens");
            Long cacheWrite = count(loc, node, "cache_write_tokens");
            Long cacheWrite1h = count(loc, node, "cache_write_1h_tokens");
            Long reasoning = count(loc, node, "reasoning_tokens");
            count(loc, node, "total_tokens");
            if (input != null && cacheRead != null && cacheRead > input) {
                add(loc.field("cache_read_tokens"), "is " + cacheRead + ", more than input_tokens (" + input
                        + "); input_tokens must include cached reads");
            } else if (input != null && (cacheWrite != null || cacheWrite1h != null)) {
                long cached = orZero(cacheRead) + orZero(cacheWrite) + orZero(cacheWrite1h);
                if (cached > input) {
                    add(loc, "cache_read_tokens + cache_write_tokens + cache_write_1h_tokens is " + cached
                            + ", more than input_tokens (" + input + "); input_tokens must include cache reads"
                            + " and writes");
                }
            }
            if (output != null && reasoning != null && reasoning > output) {
                add(loc.field("reasoning_tokens"), "is " + reasoning + ", more than output_tokens (" + output
                        + "); reasoning is part of output");
            }
        }

        private void tokenBreakdown(Loc loc, JsonNode node) {
            if (isObject(loc, node)) {
                for (String name : List.of("system", "user", "assistant", "tools", "reasoning")) {
                    count(loc, node, name);
                }
            }
        }

        private void context(Loc loc, JsonNode node) {
            if (isObject(loc, node)) {
                count(loc, node, "used_tokens");
                count(loc, node, "max_tokens");
            }
        }

        private void tools(Loc loc, JsonNode node) {
            if (isAbsent(node)) {
                return;
            }
            if (!node.isArray()) {
                add(loc, "must be an array of tool objects, got " + typeOf(node));
                return;
            }
            if (node.size() > MAX_TOOLS) {
                add(loc, "has " + node.size() + " entries, at most " + MAX_TOOLS + " are allowed");
            }
            for (int i = 0; i < node.size(); i++) {
                Loc item = loc.item(i);
                JsonNode tool = node.get(i);
                if (tool == null || !tool.isObject()) {
                    add(item, "must be an object with a name, got " + typeOf(tool));
                    continue;
                }
                JsonNode name = tool.get("name");
                if (isAbsent(name)) {
                    add(item.field("name"), name == null ? "is required" : "is required, got null");
                } else if (!name.isTextual()) {
                    add(item.field("name"), "must be a string, got " + typeOf(name));
                } else if (name.textValue().isBlank()) {
                    add(item.field("name"), "must not be blank");
                } else {
                    text(item.field("name"), name.textValue(), MAX_ID_LENGTH);
                }
                integer(item.field("calls"), tool.get("calls"), MAX_TOOL_CALLS);
                integer(item.field("duration_ms"), tool.get("duration_ms"), MAX_DURATION_MS);
                count(item, tool, "input_tokens");
                count(item, tool, "output_tokens");
            }
        }

        // ---- cost, params, prompt, labels ------------------------------------------------------------------

        private void cost(Loc loc, JsonNode node) {
            if (isAbsent(node)) {
                return;
            }
            if (node.isTextual()) {
                add(loc, "must be a JSON number, not a string (" + show(node)
                        + "); numbers are read exactly, digit for digit");
                return;
            }
            if (!node.isNumber()) {
                add(loc, "must be a non-negative number of US dollars, got " + typeOf(node));
                return;
            }
            if (!isFinite(node)) {
                add(loc, "must be a finite number, got " + show(node));
                return;
            }
            BigDecimal usd = decimal(node);
            if (usd.signum() < 0) {
                add(loc, "must not be negative, got " + show(node));
            } else if (usd.compareTo(MAX_REPORTED_COST_USD) > 0) {
                add(loc, "must be at most " + MAX_REPORTED_COST_USD.toPlainString() + " US dollars, got "
                        + show(node));
            } else {
                int digits = usd.stripTrailingZeros().scale();
                if (digits > MAX_COST_FRACTION_DIGITS) {
                    add(loc, "has " + digits + " digits after the decimal point, at most "
                            + MAX_COST_FRACTION_DIGITS + " are allowed");
                }
            }
        }

        private void params(Loc loc, JsonNode node) {
            if (isAbsent(node)) {
                return;
            }
            if (!node.isObject()) {
                add(loc, "must be an object (a configuration snapshot), got " + typeOf(node));
                return;
            }
            storable(loc, node);
            long bytes = JsonSize.compactBytes(node);
            if (bytes > MAX_PARAMS_BYTES) {
                add(loc, "is " + bytes + " bytes as compact JSON, at most " + MAX_PARAMS_BYTES + " are allowed");
            }
        }

        /** Strings and numbers anywhere in {@code node} that PostgreSQL jsonb or a double could not hold. */
        private void storable(Loc loc, JsonNode node) {
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    Loc child = loc.field(entry.getKey());
                    String problem = StorableText.problem(entry.getKey());
                    if (problem != null) {
                        add(child, "key " + problem);
                    }
                    storable(child, entry.getValue());
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    storable(loc.item(i), node.get(i));
                }
            } else if (node.isTextual()) {
                String problem = StorableText.problem(node.textValue());
                if (problem != null) {
                    add(loc, problem);
                }
            } else if (node.isNumber() && !node.isIntegralNumber() || node.isBigInteger()) {
                if (!isFinite(node) || exponentOf(decimal(node)) > MAX_PARAMS_NUMBER_EXPONENT) {
                    add(loc, "is outside the range of a double (1e-" + MAX_PARAMS_NUMBER_EXPONENT + " to 1e"
                            + MAX_PARAMS_NUMBER_EXPONENT + "), got " + show(node));
                }
            }
        }

        private void prompt(Loc loc, JsonNode node) {
            if (isObject(loc, node)) {
                optionalText(loc.field("hash"), node.get("hash"), MAX_ID_LENGTH);
                optionalText(loc.field("text"), node.get("text"), MAX_PROMPT_TEXT_CHARS);
            }
        }

        private void labels(Loc loc, JsonNode node) {
            if (isAbsent(node)) {
                return;
            }
            if (!node.isObject()) {
                add(loc, "must be an object of string keys to string values, got " + typeOf(node));
                return;
            }
            if (node.size() > MAX_LABELS) {
                add(loc, "has " + node.size() + " labels, at most " + MAX_LABELS + " are allowed");
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                Loc label = loc.field(entry.getKey());
                String key = entry.getKey();
                String keyProblem = StorableText.problem(key);
                if (key.isBlank()) {
                    add(label, "key must not be blank");
                } else if (keyProblem != null) {
                    add(label, "key " + keyProblem);
                } else if (codePoints(key) > MAX_LABEL_KEY_CHARS) {
                    add(label, "key must be at most " + MAX_LABEL_KEY_CHARS + " characters, got "
                            + codePoints(key));
                }
                JsonNode value = entry.getValue();
                if (value == null || !value.isTextual()) {
                    add(label, "must be a string, got " + typeOf(value)
                            + (value != null && value.isNull() ? " (leave the label out instead)" : ""));
                } else {
                    text(label, value.textValue(), MAX_LABEL_VALUE_CHARS);
                }
            }
        }

        // ---- building blocks -------------------------------------------------------------------------------

        private boolean isObject(Loc loc, JsonNode node) {
            if (isAbsent(node)) {
                return false;
            }
            if (!node.isObject()) {
                add(loc, "must be an object, got " + typeOf(node));
                return false;
            }
            return true;
        }

        /** A string field that may be absent or null; its value when it is a valid string, else null. */
        private String optionalText(Loc loc, JsonNode node, int maxChars) {
            if (isAbsent(node)) {
                return null;
            }
            if (!node.isTextual()) {
                add(loc, "must be a string, got " + typeOf(node));
                return null;
            }
            return text(loc, node.textValue(), maxChars) ? node.textValue() : null;
        }

        private boolean text(Loc loc, String text, int maxChars) {
            String problem = StorableText.problem(text);
            if (problem != null) {
                add(loc, problem);
                return false;
            }
            int length = codePoints(text);
            if (length > maxChars) {
                add(loc, "must be at most " + maxChars + " characters, got " + length);
                return false;
            }
            return true;
        }

        private Long count(Loc parent, JsonNode object, String name) {
            return integer(parent.field(name), object.get(name), MAX_TOKEN_COUNT);
        }

        /** A non-negative whole number up to {@code max}, or absent/null; its value when valid, else null. */
        private Long integer(Loc loc, JsonNode node, long max) {
            if (isAbsent(node)) {
                return null;
            }
            if (node.isTextual()) {
                add(loc, "must be a JSON number, not a string (" + show(node) + ")");
                return null;
            }
            if (!node.isNumber()) {
                add(loc, "must be a non-negative integer, got " + typeOf(node));
                return null;
            }
            if (!isFinite(node) || !isWhole(node)) {
                add(loc, "must be a whole number, got a fraction (" + show(node) + ")");
                return null;
            }
            BigDecimal value = decimal(node);
            if (value.signum() < 0) {
                add(loc, "must not be negative, got " + show(node));
                return null;
            }
            if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
                add(loc, "must be at most " + max + ", got " + show(node));
                return null;
            }
            return value.longValueExact();
        }

        private void add(Loc loc, String reason) {
            found.add(new Found(loc, reason));
        }

        List<Violation> violations() {
            if (found.isEmpty()) {
                return List.of();
            }
            List<Positioned> positioned = new ArrayList<>(found.size());
            for (Found f : found) {
                positioned.add(new Positioned(f.loc.position(root), new Violation(f.loc.path(), f.reason)));
            }
            positioned.sort(Comparator.comparing(Positioned::position, Arrays::compare)); // stable
            List<Violation> result = new ArrayList<>(Math.min(positioned.size(), MAX_VIOLATIONS + 1));
            for (int i = 0; i < positioned.size() && i < MAX_VIOLATIONS; i++) {
                result.add(positioned.get(i).violation);
            }
            if (positioned.size() > MAX_VIOLATIONS) {
                result.add(new Violation("$", "and " + (positioned.size() - MAX_VIOLATIONS)
                        + " more problems not listed"));
            }
            return List.copyOf(result);
        }
    }

    private record Found(Loc loc, String reason) {
    }

    private record Positioned(int[] position, Violation violation) {
    }

    /** Where a value sits in the event: renders as a JSON path and resolves to its position in the document. */
    private static final class Loc {

        static final Loc ROOT = new Loc(null, null, -1, 0);

        private final Loc parent;
        private final String name;
        private final int index;
        private final int depth;

        private Loc(Loc parent, String name, int index, int depth) {
            this.parent = parent;
            this.name = name;
            this.index = index;
            this.depth = depth;
        }

        Loc field(String fieldName) {
            return new Loc(this, fieldName, -1, depth + 1);
        }

        Loc item(int itemIndex) {
            return new Loc(this, null, itemIndex, depth + 1);
        }

        String path() {
            if (parent == null) {
                return "$";
            }
            String prefix = parent.path();
            if (name == null) {
                return prefix + "[" + index + "]";
            }
            if (PLAIN_NAME.matcher(name).matches()) {
                return prefix + "." + name;
            }
            String shown = name.length() > SHOWN_KEY_CHARS ? name.substring(0, SHOWN_KEY_CHARS) + "…" : name;
            return prefix + "['" + shown.replace("\\", "\\\\").replace("'", "\\'") + "']";
        }

        /** Indexes of each step in document order; a step missing from the document sorts after its siblings. */
        int[] position(JsonNode root) {
            Loc[] steps = new Loc[depth];
            for (Loc at = this; at.parent != null; at = at.parent) {
                steps[at.depth - 1] = at;
            }
            int[] position = new int[depth];
            JsonNode node = root;
            for (int i = 0; i < depth; i++) {
                Loc step = steps[i];
                int at = node == null ? -1 : step.name == null ? step.index : indexOf(node, step.name);
                position[i] = at < 0 ? Integer.MAX_VALUE : at;
                node = at < 0 ? null : step.name == null ? node.get(step.index) : node.get(step.name);
            }
            return position;
        }

        private static int indexOf(JsonNode object, String fieldName) {
            int i = 0;
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); i++) {
                if (names.next().equals(fieldName)) {
                    return i;
                }
            }
            return -1;
        }
    }

    // ---- value helpers -------------------------------------------------------------------------------------

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static boolean isFinite(JsonNode node) {
        return !(node.isDouble() || node.isFloat()) || Double.isFinite(node.doubleValue());
    }

    private static boolean isWhole(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        BigDecimal value = decimal(node);
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** The exact value of a finite number node; never passes through a double unless the node is one. */
    private static BigDecimal decimal(JsonNode node) {
        return node.decimalValue();
    }

    /** The decimal exponent of {@code value} in scientific notation, as an absolute value (0 for zero). */
    private static int exponentOf(BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        return (int) Math.min(Integer.MAX_VALUE, Math.abs(exponent));
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string (" + show(node) + ")";
            case NUMBER -> "a number (" + show(node) + ")";
            case BOOLEAN -> "a boolean (" + node.asText() + ")";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    /** A short rendering of a value for a reason: strings quoted and escaped, anything cut at 40 characters. */
    private static String show(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            boolean cut = text.length() > SHOWN_CHARS;
            String shown = new TextNode(cut ? safeCut(text) : text).toString();
            return cut ? shown.substring(0, shown.length() - 1) + "…\"" : shown;
        }
        String text = node.isBigDecimal() ? node.decimalValue().toString() : node.asText();
        return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text;
    }

    private static String safeCut(String text) {
        int end = Character.isHighSurrogate(text.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return text.substring(0, end);
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
