package io.agentmeter.schema.validation;

import static io.agentmeter.schema.validation.JsonValues.codePoints;
import static io.agentmeter.schema.validation.JsonValues.isFinite;
import static io.agentmeter.schema.validation.JsonValues.isWhole;
import static io.agentmeter.schema.validation.JsonValues.show;
import static io.agentmeter.schema.validation.JsonValues.typeOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentmeter.schema.TenantId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The declarative half of the turn event contract, compiled once from the published JSON Schema
 * ({@link SchemaResource#TURN_EVENT}) into a tree of checks that {@link TurnValidator} walks for every event: field
 * names, types, required fields, enums, string lengths, numeric bounds, patterns, array and object sizes. The schema
 * is the one copy of these facts; no generic JSON Schema engine runs per event.
 *
 * <p>Reads the part of draft 2020-12 the schema uses ({@code type} with or without {@code "null"}, {@code enum},
 * {@code properties}, {@code required}, {@code additionalProperties} true or a schema, {@code propertyNames},
 * {@code maxProperties}, {@code items}, {@code maxItems}, {@code minLength}, {@code maxLength}, {@code pattern},
 * {@code format: date-time}, {@code minimum}, {@code maximum}, local {@code $ref}) and refuses anything else when it
 * compiles, so a rule added to the schema is enforced or stops the class from loading, never skipped.
 *
 * <p>Decided here, as JSON Schema leaves it to the implementation: lengths count code points; every string is also
 * checked storable ({@link StorableText}) before its length; numbers are compared exactly, as decimals; a date-time
 * is read by {@link Rfc3339}. Patterns are implemented by meaning, since ECMA-262 and java.util.regex read
 * {@code \S} and {@code $} differently: {@code \S} is "not blank" ({@link String#isBlank}, checked first), the
 * tenant pattern is {@link TenantId#isValid}; a pattern not in {@link #PATTERNS} fails the compile. A reason's words
 * come from the type ("must be a string"), or from its {@link Wording} where those say too little.
 */
final class SchemaChecks {

    /**
     * The words a schema's checks use where its types would say too little, each by schema pointer: what a value must
     * be, the unit of a bound, what the members of an array or object are called, advice after "got null". Each
     * schema has its own; a pointer the schema does not have fails the compile (renamed or moved).
     *
     * @param resource the schema's classpath location, for the compile's own errors
     */
    record Wording(String resource, Map<String, String> expected, Map<String, String> units,
                   Map<String, String> members, Map<String, String> nullAdvice) {

        /** The turn event's words. */
        static final Wording TURN = new Wording(SchemaResource.TURN_EVENT.resource(),
                Map.of(
                        "", "a JSON object (one turn event)",
                        "/properties/schema_version", "1, the only version this server reads",
                        "/properties/tools", "an array of tool objects",
                        "/properties/tools/items", "an object with a name",
                        "/properties/reported_cost_usd", "a non-negative number of US dollars",
                        "/properties/params", "an object (a configuration snapshot)",
                        "/properties/labels", "an object of string keys to string values"),
                Map.of("/properties/reported_cost_usd", " US dollars"),
                Map.of("/properties/labels", "labels"),
                Map.of("/properties/labels/additionalProperties", " (leave the label out instead)"));
    }

    private static final String NOT_BLANK = "\\S";
    /** Every other pattern the schema may use, by its text: the check that implements it and the words for it. */
    private static final Map<String, Matching> PATTERNS = Map.of(
            "^[A-Za-z0-9._-]{1," + TenantId.MAX_LENGTH + "}$",
            new Matching(TenantId::isValid, "1 to " + TenantId.MAX_LENGTH + " letters, digits, '.', '_' or '-'"));

    private static final String DATE_TIME = "date-time";
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "$comment", "title",
            "description", "examples", "default", "deprecated", "readOnly", "writeOnly");
    private static final Map<String, Set<String>> KEYWORDS = Map.of(
            "object", Set.of("type", "properties", "required", "additionalProperties", "propertyNames",
                    "maxProperties"),
            "array", Set.of("type", "items", "maxItems"),
            "string", Set.of("type", "minLength", "maxLength", "pattern", "format"),
            "integer", Set.of("type", "minimum", "maximum"),
            "number", Set.of("type", "minimum", "maximum"),
            "enum", Set.of("enum"),
            "propertyNames", Set.of("minLength", "maxLength", "pattern"));

    private final Check root;
    private final Map<String, Check> byPointer;

    private SchemaChecks(Check root, Map<String, Check> byPointer) {
        this.root = root;
        this.byPointer = byPointer;
    }

    /**
     * Compiles {@code schema}. The value at each pointer of {@code kept} (a property outside arrays and maps) is kept
     * in the run, in the slot of its index, whenever its check accepts it: the node, or the {@link java.time.Instant}
     * of a date-time.
     *
     * @throws IllegalStateException if the schema uses what this class does not implement
     */
    static SchemaChecks compile(JsonNode schema, List<String> kept) {
        return compile(schema, Wording.TURN, kept);
    }

    /** Compiles {@code schema} with its own {@code wording}; otherwise as {@link #compile(JsonNode, List)}. */
    static SchemaChecks compile(JsonNode schema, Wording wording, List<String> kept) {
        Compiler compiler = new Compiler(schema, wording, kept);
        Check root = compiler.compile(schema, "", Loc.ROOT);
        compiler.requireAllUsed();
        return new SchemaChecks(root, Map.copyOf(compiler.byPointer));
    }

    /** Checks a whole event (null or a missing node for none); the event when it is an object, else null. */
    Object check(Run run, JsonNode event) {
        return root.check(run, Loc.ROOT, event);
    }

    /** The check compiled at {@code pointer}, e.g. {@code /properties/params}. */
    Check at(String pointer) {
        Check check = byPointer.get(pointer);
        if (check == null) {
            throw new IllegalArgumentException("no check at " + pointer);
        }
        return check;
    }

    // ---- the checks ------------------------------------------------------------------------------------------

    /** The check of one schema node: given a value present in the document, adds what is wrong with it. */
    abstract static class Check {

        final boolean nullable;
        final String expected;
        private final String nullAdvice;

        Check(boolean nullable, String expected, String nullAdvice) {
            this.nullable = nullable;
            this.expected = expected;
            this.nullAdvice = nullAdvice;
        }

        /** The accepted value (the node, or what it was read as), or null when something was wrong with it. */
        abstract Object check(Run run, Loc loc, JsonNode node);

        final void mismatch(Run run, Loc loc, JsonNode node) {
            run.add(loc, "must be " + expected + ", got " + typeOf(node)
                    + (nullAdvice != null && node != null && node.isNull() ? nullAdvice : ""));
        }
    }

    private record Prop(String name, boolean required, Check check, Loc loc, int slot) {
    }

    private static final class ObjectCheck extends Check {

        private final Loc at;
        private Prop[] props;
        private Set<String> declared;
        private TextCheck names;
        private Check values;
        private int maxMembers = -1;
        private String members;

        ObjectCheck(boolean nullable, String expected, String nullAdvice, Loc at) {
            super(nullable, expected, nullAdvice);
            this.at = at;
        }

        @Override
        Object check(Run run, Loc loc, JsonNode node) {
            if (node == null || !node.isObject()) {
                mismatch(run, loc, node);
                return null;
            }
            if (maxMembers >= 0 && node.size() > maxMembers) {
                run.add(loc, "has " + node.size() + " " + members + ", at most " + maxMembers + " are allowed");
            }
            boolean fixed = loc == at;
            for (Prop prop : props) {
                JsonNode value = node.get(prop.name);
                if (value == null || value.isMissingNode()) {
                    if (prop.required) {
                        run.add(fixed ? prop.loc : loc.field(prop.name), "is required");
                    }
                    continue;
                }
                if (value.isNull() && prop.check.nullable) {
                    continue;
                }
                Loc child = fixed ? prop.loc : loc.field(prop.name);
                if (value.isNull() && prop.required) {
                    run.add(child, "is required, got null");
                    continue;
                }
                Object accepted = prop.check.check(run, child, value);
                if (accepted != null && prop.slot >= 0) {
                    run.keep(prop.slot, accepted);
                }
            }
            if (names != null || values != null) {
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    Loc child = loc.field(entry.getKey());
                    if (names != null) {
                        names.text(run, child, entry.getKey(), "key ");
                    }
                    JsonNode value = entry.getValue();
                    if (values != null && !declared.contains(entry.getKey()) && !(value.isNull() && values.nullable)) {
                        values.check(run, child, value);
                    }
                }
            }
            return node;
        }
    }

    private static final class ArrayCheck extends Check {

        private Check items;
        private int maxItems = -1;
        private String members;

        ArrayCheck(boolean nullable, String expected) {
            super(nullable, expected, null);
        }

        @Override
        Object check(Run run, Loc loc, JsonNode node) {
            if (!node.isArray()) {
                mismatch(run, loc, node);
                return null;
            }
            if (maxItems >= 0 && node.size() > maxItems) {
                run.add(loc, "has " + node.size() + " " + members + ", at most " + maxItems + " are allowed");
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!(item.isNull() && items.nullable)) {
                    items.check(run, loc.item(i), item);
                }
            }
            return node;
        }
    }

    private record Matching(Predicate<String> test, String expected) {
    }

    private static final class TextCheck extends Check {

        private final boolean notBlank;
        private final int minLength;
        private final int maxLength;
        private final Matching matching;

        TextCheck(boolean nullable, String expected, String nullAdvice, boolean notBlank, int minLength,
                  int maxLength, Matching matching) {
            super(nullable, expected, nullAdvice);
            this.notBlank = notBlank;
            this.minLength = minLength;
            this.maxLength = maxLength;
            this.matching = matching;
        }

        @Override
        Object check(Run run, Loc loc, JsonNode node) {
            if (!node.isTextual()) {
                mismatch(run, loc, node);
                return null;
            }
            return text(run, loc, node.textValue(), "") ? node : null;
        }

        /** Checks {@code text}, a value or (with {@code prefix} "key ") an object's key; whether it passed. */
        boolean text(Run run, Loc loc, String text, String prefix) {
            if (notBlank && text.isBlank()) {
                run.add(loc, prefix + "must not be blank");
                return false;
            }
            String problem = StorableText.problem(text);
            if (problem != null) {
                run.add(loc, prefix + problem);
                return false;
            }
            // UTF-16 units >= code points >= units / 2: most texts need no count
            if (text.length() > maxLength || text.length() < 2L * minLength) {
                int length = codePoints(text);
                if (length > maxLength) {
                    run.add(loc, prefix + "must be at most " + maxLength + " characters, got " + length);
                    return false;
                }
                if (length < minLength) {
                    run.add(loc, prefix + "must be at least " + minLength + " characters, got " + length);
                    return false;
                }
            }
            if (matching != null && !matching.test.test(text)) {
                run.add(loc, prefix + "must be " + matching.expected + ", got " + show(TextNode.valueOf(text)));
                return false;
            }
            return true;
        }
    }

    private static final class DateTimeCheck extends Check {

        DateTimeCheck(boolean nullable) {
            super(nullable, "an RFC 3339 date-time string like 2025-01-31T12:00:00Z", null);
        }

        @Override
        Object check(Run run, Loc loc, JsonNode node) {
            if (!node.isTextual()) {
                run.add(loc, "must be an RFC 3339 date-time string like 2025-01-31T12:00:00Z, got " + typeOf(node)
                        + (node.isNumber() ? " (epoch numbers are not accepted)" : ""));
                return null;
            }
            try {
                return Rfc3339.parse(node.textValue());
            } catch (DateTimeException e) {
                run.add(loc, e.getMessage() + ", got " + show(node));
                return null;
            }
        }
    }

    /** A number, whole ({@code integer}) or any: checked as a decimal, never through a double. */
    private static final class NumberCheck extends Check {

        private final boolean whole;
        private final BigDecimal min;
        private final BigDecimal max;
        private final long minLong;
        private final long maxLong;
        private final String unit;

        NumberCheck(boolean nullable, String expected, boolean whole, BigDecimal min, BigDecimal max, String unit) {
            super(nullable, expected, null);
            this.whole = whole;
            this.min = min;
            this.max = max;
            this.minLong = min == null ? Long.MIN_VALUE : asLong(min.setScale(0, RoundingMode.CEILING));
            this.maxLong = max == null ? Long.MAX_VALUE : asLong(max.setScale(0, RoundingMode.FLOOR));
            this.unit = unit;
        }

        @Override
        Object check(Run run, Loc loc, JsonNode node) {
            if (node.isInt() || node.isLong()) { // the common case, without a decimal
                long value = node.longValue();
                if (value < minLong) {
                    belowMinimum(run, loc, node);
                } else if (value > maxLong) {
                    aboveMaximum(run, loc, node);
                } else {
                    return node;
                }
                return null;
            }
            if (node.isTextual()) {
                run.add(loc, "must be a JSON number, not a string (" + show(node) + ")"
                        + (whole ? "" : "; numbers are read exactly, digit for digit"));
                return null;
            }
            if (!node.isNumber()) {
                mismatch(run, loc, node);
                return null;
            }
            if (whole && (!isFinite(node) || !isWhole(node))) {
                run.add(loc, "must be a whole number, got a fraction (" + show(node) + ")");
                return null;
            }
            if (!isFinite(node)) {
                run.add(loc, "must be a finite number, got " + show(node));
                return null;
            }
            BigDecimal value = node.decimalValue();
            if (min != null && value.compareTo(min) < 0) {
                belowMinimum(run, loc, node);
            } else if (max != null && value.compareTo(max) > 0) {
                aboveMaximum(run, loc, node);
            } else {
                return node;
            }
            return null;
        }

        private static long asLong(BigDecimal whole) {
            return whole.max(BigDecimal.valueOf(Long.MIN_VALUE)).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
        }

        private void belowMinimum(Run run, Loc loc, JsonNode node) {
            run.add(loc, (min.signum() == 0 ? "must not be negative" : "must be at least " + min.toPlainString() + unit)
                    + ", got " + show(node));
        }

        private void aboveMaximum(Run run, Loc loc, JsonNode node) {
            run.add(loc, "must be at most " + max.toPlainString() + unit + ", got " + show(node));
        }
    }

    private static final class EnumCheck extends Check {

        private final List<JsonNode> values;

        EnumCheck(boolean nullable, String expected, List<JsonNode> values) {
            super(nullable, expected, null);
            this.values = values;
        }

        @Override
        Object check(Run run, Loc loc, JsonNode node) {
            for (JsonNode value : values) {
                if (value.isNumber() ? node.isNumber() && isFinite(node)
                        && node.decimalValue().compareTo(value.decimalValue()) == 0 : value.equals(node)) {
                    return node;
                }
            }
            run.add(loc, "must be " + expected + ", got " + (node.isValueNode() ? show(node) : typeOf(node)));
            return null;
        }
    }

    // ---- compiling -------------------------------------------------------------------------------------------

    private static final class Compiler {

        private final JsonNode schema;
        private final Wording wording;
        private final Map<String, Integer> slots = new HashMap<>();
        private final Map<String, Check> byPointer = new HashMap<>();
        private final Set<String> pointers = new HashSet<>();

        Compiler(JsonNode schema, Wording wording, List<String> kept) {
            this.schema = schema;
            this.wording = wording;
            for (int i = 0; i < kept.size(); i++) {
                slots.put(kept.get(i), i);
            }
        }

        /** The check of the schema at {@code node}; {@code at} is where its value sits when that is fixed, else null. */
        Check compile(JsonNode node, String pointer, Loc at) {
            pointers.add(pointer);
            JsonNode rule = resolve(node, pointer);
            List<String> types = types(rule, pointer);
            boolean nullable = types.remove("null");
            String kind = types.isEmpty() ? "enum" : types.get(0);
            if (types.size() > 1 || !KEYWORDS.containsKey(kind) || kind.equals("propertyNames")) {
                throw unsupported(pointer, "type " + rule.get("type"));
            }
            if (rule.has("enum") != kind.equals("enum")) {
                throw unsupported(pointer, "enum together with type");
            }
            requireOnly(rule, pointer, KEYWORDS.get(kind));
            String nullAdvice = wording.nullAdvice().get(pointer);
            Check check = switch (kind) {
                case "object" -> object(rule, pointer, nullable, at);
                case "array" -> array(rule, pointer, nullable);
                case "string" -> rule.has("format") ? dateTime(rule, pointer, nullable)
                        : text(rule, pointer, nullable, expected(pointer, "a string"), nullAdvice);
                case "integer" -> number(rule, pointer, nullable, true);
                case "number" -> number(rule, pointer, nullable, false);
                default -> enumeration(rule, pointer);
            };
            byPointer.put(pointer, check);
            return check;
        }

        private ObjectCheck object(JsonNode rule, String pointer, boolean nullable, Loc at) {
            ObjectCheck check = new ObjectCheck(nullable, expected(pointer, "an object"), wording.nullAdvice().get(pointer),
                    at);
            Set<String> required = new HashSet<>();
            rule.path("required").forEach(name -> required.add(name.asText()));
            List<Prop> props = new ArrayList<>();
            for (Map.Entry<String, JsonNode> property : rule.path("properties").properties()) {
                String name = property.getKey();
                String childPointer = pointer + "/properties/" + escape(name);
                Loc childAt = at == null ? null : at.field(name);
                Check child = compile(property.getValue(), childPointer, childAt);
                Integer slot = childAt == null ? null : slots.remove(childPointer);
                props.add(new Prop(name, required.remove(name), child, childAt, slot == null ? -1 : slot));
            }
            if (!required.isEmpty()) {
                throw unsupported(pointer, "required fields without properties " + required);
            }
            check.props = props.toArray(Prop[]::new);
            check.declared = props.stream().map(Prop::name).collect(Collectors.toUnmodifiableSet());
            JsonNode additional = rule.get("additionalProperties");
            if (additional != null && additional.isObject()) {
                check.values = compile(additional, pointer + "/additionalProperties", null);
            } else if (additional != null && !(additional.isBoolean() && additional.booleanValue())) {
                throw unsupported(pointer, "additionalProperties other than true or a schema");
            }
            JsonNode names = rule.get("propertyNames");
            if (names != null) {
                String namesPointer = pointer + "/propertyNames";
                pointers.add(namesPointer);
                requireOnly(names, namesPointer, KEYWORDS.get("propertyNames"));
                check.names = text(names, namesPointer, false, "a string", null);
            }
            check.maxMembers = size(rule, "maxProperties", pointer);
            check.members = wording.members().getOrDefault(pointer, "entries");
            return check;
        }

        private ArrayCheck array(JsonNode rule, String pointer, boolean nullable) {
            ArrayCheck check = new ArrayCheck(nullable, expected(pointer, "an array"));
            if (!rule.has("items")) {
                throw unsupported(pointer, "an array without items");
            }
            check.items = compile(rule.get("items"), pointer + "/items", null);
            check.maxItems = size(rule, "maxItems", pointer);
            check.members = wording.members().getOrDefault(pointer, "entries");
            return check;
        }

        private TextCheck text(JsonNode rule, String pointer, boolean nullable, String expected, String nullAdvice) {
            String pattern = rule.has("pattern") ? rule.get("pattern").asText() : null;
            Matching matching = pattern == null || pattern.equals(NOT_BLANK) ? null : PATTERNS.get(pattern);
            if (pattern != null && !pattern.equals(NOT_BLANK) && matching == null) {
                throw unsupported(pointer, "pattern " + pattern + " (add what it means to SchemaChecks.PATTERNS)");
            }
            int minLength = size(rule, "minLength", pointer);
            int maxLength = size(rule, "maxLength", pointer);
            return new TextCheck(nullable, expected, nullAdvice, NOT_BLANK.equals(pattern), Math.max(0, minLength),
                    maxLength < 0 ? Integer.MAX_VALUE : maxLength, matching);
        }

        private DateTimeCheck dateTime(JsonNode rule, String pointer, boolean nullable) {
            if (!DATE_TIME.equals(rule.get("format").asText())) {
                throw unsupported(pointer, "format " + rule.get("format"));
            }
            requireOnly(rule, pointer, Set.of("type", "format"));
            return new DateTimeCheck(nullable);
        }

        private NumberCheck number(JsonNode rule, String pointer, boolean nullable, boolean whole) {
            BigDecimal min = bound(rule, "minimum", pointer);
            BigDecimal max = bound(rule, "maximum", pointer);
            String expected = expected(pointer, min != null && min.signum() == 0 ? "a non-negative " + kind(whole)
                    : (whole ? "an " : "a ") + kind(whole));
            return new NumberCheck(nullable, expected, whole, min, max, wording.units().getOrDefault(pointer, ""));
        }

        private static String kind(boolean whole) {
            return whole ? "integer" : "number";
        }

        private EnumCheck enumeration(JsonNode rule, String pointer) {
            List<JsonNode> values = new ArrayList<>();
            boolean nullable = false;
            for (JsonNode value : rule.get("enum")) {
                if (value.isNull()) {
                    nullable = true;
                } else if (value.isValueNode()) {
                    values.add(value);
                } else {
                    throw unsupported(pointer, "an enum of objects or arrays");
                }
            }
            String listed = values.stream().map(JsonNode::toString).collect(Collectors.joining(" or "));
            return new EnumCheck(nullable, expected(pointer, listed), List.copyOf(values));
        }

        // ---- reading the schema --------------------------------------------------------------------------------

        /** The node a {@code $ref} points to (local references only), or {@code node}. */
        private JsonNode resolve(JsonNode node, String pointer) {
            JsonNode rule = node;
            for (int hops = 0; rule.has("$ref"); hops++) {
                String ref = rule.get("$ref").asText();
                if (!ref.startsWith("#/") || hops > 8) {
                    throw unsupported(pointer, "$ref " + ref + " (only local references)");
                }
                requireOnly(rule, pointer, Set.of("$ref"));
                rule = schema.at(ref.substring(1));
                if (rule.isMissingNode()) {
                    throw unsupported(pointer, "$ref " + ref + ", which points nowhere");
                }
            }
            return rule;
        }

        private List<String> types(JsonNode rule, String pointer) {
            JsonNode type = rule.get("type");
            List<String> types = new ArrayList<>();
            if (type != null && type.isTextual()) {
                types.add(type.textValue());
            } else if (type != null && type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else if (type != null) {
                throw unsupported(pointer, "type " + type);
            }
            return types;
        }

        private void requireOnly(JsonNode rule, String pointer, Set<String> keywords) {
            for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!keywords.contains(name) && !ANNOTATIONS.contains(name)) {
                    throw unsupported(pointer, "keyword " + name + " here");
                }
            }
        }

        /** A non-negative whole number keyword, or -1 when absent. */
        private int size(JsonNode rule, String keyword, String pointer) {
            JsonNode value = rule.get(keyword);
            if (value == null) {
                return -1;
            }
            if (!value.isInt() || value.intValue() < 0) {
                throw unsupported(pointer, keyword + " " + value);
            }
            return value.intValue();
        }

        private BigDecimal bound(JsonNode rule, String keyword, String pointer) {
            JsonNode value = rule.get(keyword);
            if (value != null && !value.isNumber()) {
                throw unsupported(pointer, keyword + " " + value);
            }
            return value == null ? null : value.decimalValue();
        }

        private String expected(String pointer, String general) {
            return wording.expected().getOrDefault(pointer, general);
        }

        /** Fails when a wording or a kept value names a pointer the schema does not have (renamed or moved). */
        void requireAllUsed() {
            for (Map<String, String> words : List.of(wording.expected(), wording.units(), wording.members(), wording.nullAdvice())) {
                for (String pointer : words.keySet()) {
                    if (!pointers.contains(pointer)) {
                        throw unsupported(pointer, "no such place, though SchemaChecks has words for it");
                    }
                }
            }
            if (!slots.isEmpty()) {
                throw unsupported(slots.keySet().toString(), "no such field outside arrays and maps, though the"
                        + " validator reads it");
            }
        }

        private static String escape(String name) {
            return name.replace("~", "~0").replace("/", "~1");
        }

        private IllegalStateException unsupported(String pointer, String what) {
            return new IllegalStateException(wording.resource() + " at '" + pointer + "': " + what
                    + " is not implemented by the validator (io.agentmeter.schema.validation.SchemaChecks)");
        }
    }
}
