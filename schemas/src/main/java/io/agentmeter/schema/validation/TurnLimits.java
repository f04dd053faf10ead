package io.agentmeter.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Every limit of the turn event, schema v1, in one place, and docs/turn-event.md lists them for users. Those JSON
 * Schema can state ({@code maxLength}, {@code maximum}, {@code maxItems} ...) are read from the published schema
 * ({@code schemas/turn-event.v1.schema.json}) when this class loads: the schema is their one copy, and the validator
 * enforces the schema itself ({@link SchemaChecks}). The others are constants here, enforced by {@link TurnValidator}
 * and quoted in the schema's descriptions (a unit test keeps the quotes right).
 *
 * <p>The limits are meant to reject garbage, never a real turn: each is far above what any agent sends today, and
 * low enough that a single event cannot hurt the pipeline (Kafka message size, PostgreSQL column sizes, the
 * dashboard). String lengths count Unicode code points, like JSON Schema's {@code maxLength} and PostgreSQL's
 * {@code varchar(n)}.
 */
public final class TurnLimits {

    /** The only {@code schema_version} this validator reads; an absent version means this one. */
    public static final int SCHEMA_VERSION = intAt("/properties/schema_version/enum/0");

    /**
     * Maximum length of identifiers and names: event_id, session_id, model, provider, project, agent, user_id,
     * conversation_id, thread_id, error_type, recording_id, tools[].name and prompt.hash. UUIDs are 36, SHA-256 hex
     * is 64, the longest model names (provider paths like {@code bedrock/us.anthropic.claude-...-v1:0}) stay under
     * 100; 256 leaves room for composite ids without letting a payload pose as an id.
     */
    public static final int MAX_ID_LENGTH = intAt("/$defs/requiredId/maxLength");

    /**
     * How far {@code occurred_at} may lie ahead of the server clock. Ten minutes absorbs real clock drift between
     * agents and the server; a turn hours in the future is a wrong clock or a time zone sent as UTC, and would sit
     * in a window that is not open yet.
     */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(10);

    /**
     * The earliest accepted {@code occurred_at} and {@code started_at}. No LLM agent ran before 2000; the point is
     * to catch zero values sent as times ({@code 0001-01-01T00:00:00Z} from Go, {@code 1970-01-01T00:00:00Z} from
     * epoch 0), which Kafka cannot carry as a record timestamp anyway.
     */
    public static final Instant MIN_OCCURRED_AT = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * Maximum of any token count of one turn (usage.*, token_breakdown.*, context.*, tools[].input_tokens and
     * output_tokens). The largest context windows are 10 million tokens; 100 million is ten times that and still
     * catches counts sent in the wrong unit or cumulative totals sent as a turn's.
     */
    public static final long MAX_TOKEN_COUNT = at("/$defs/tokenCount/maximum").longValueExact();

    /**
     * Maximum {@code duration_ms} of a turn and of {@code tools[].duration_ms}: 7 days. A turn that includes a long
     * tool run can take hours; a week is beyond any of them and catches nanoseconds or an epoch sent as a duration.
     */
    public static final long MAX_DURATION_MS = at("/$defs/durationMs/maximum").longValueExact();

    /** Maximum {@code turn_index}: the range of its Java type, as an index is a position and is never summed. */
    public static final int MAX_TURN_INDEX = intAt("/properties/turn_index/maximum");

    /**
     * Maximum {@code tools[].calls} of one tool in one turn. A turn makes a handful of calls, a busy agent loop some
     * hundreds; a hundred thousand is a counter sent in the wrong place.
     */
    public static final int MAX_TOOL_CALLS = intAt("/properties/tools/items/properties/calls/maximum");

    /** Maximum number of entries in {@code tools}: more distinct tools than any agent exposes in one turn. */
    public static final int MAX_TOOLS = intAt("/properties/tools/maxItems");

    /**
     * Maximum {@code reported_cost_usd} of one turn, in US dollars. {@link #MAX_TOKEN_COUNT} output tokens at the
     * dearest list price today ($600 per million) come to $60,000; a million dollars is an amount in the wrong unit.
     */
    public static final BigDecimal MAX_REPORTED_COST_USD = at("/properties/reported_cost_usd/maximum");

    /**
     * Maximum digits after the decimal point of {@code reported_cost_usd} (trailing zeros not counted). A cost is
     * kept exactly as sent; 32 digits hold any double-precision cost above $1e-15 written in full, and the bound
     * keeps values like {@code 1e-999999999} away from PostgreSQL {@code numeric} and from plain-string rendering.
     */
    public static final int MAX_COST_FRACTION_DIGITS = 32;

    /**
     * Maximum size of {@code params}, serialized as compact UTF-8 JSON: 16 KiB. A configuration snapshot
     * (temperature, max_tokens, preset, tool choice, a few flags) is well under 1 KiB; the cap keeps whole prompts
     * or tool schemas out of a field that is stored with every turn.
     */
    public static final int MAX_PARAMS_BYTES = 16 * 1024;

    /**
     * Largest decimal exponent of a number inside {@code params}, either way: what a double can hold. Numbers are
     * stored as PostgreSQL jsonb (numeric) and read by dashboards as doubles, which {@code 1e999999} breaks.
     */
    public static final int MAX_PARAMS_NUMBER_EXPONENT = 308;

    /**
     * Maximum length of {@code prompt.text}, in code points. The text is an optional, sender-truncated excerpt for
     * telling prompts apart in the dashboard; 32,768 characters is several pages. Grouping uses prompt.hash.
     */
    public static final int MAX_PROMPT_TEXT_CHARS = intAt("/properties/prompt/properties/text/maxLength");

    /** Maximum number of {@code labels}: far above the handful of dimensions anyone filters by. */
    public static final int MAX_LABELS = intAt("/properties/labels/maxProperties");

    /** Maximum length of a label key, in code points (Kubernetes allows 63 for a name part). */
    public static final int MAX_LABEL_KEY_CHARS = intAt("/properties/labels/propertyNames/maxLength");

    /** Maximum length of a label value, in code points: room for a URL or a branch name, not a document. */
    public static final int MAX_LABEL_VALUE_CHARS = intAt("/properties/labels/additionalProperties/maxLength");

    /**
     * Maximum size of one event: 512 KiB. Above the worst case of all field limits together in realistic text
     * (prompt text in 3-byte UTF-8 script, full params, labels and tools: about 400 KiB) and below Kafka's default
     * 1 MiB message size, leaving room for the priced copy of the turn. For bytes this is the raw length; for an
     * already parsed tree it is the compact JSON serialization.
     */
    public static final int MAX_EVENT_BYTES = 512 * 1024;

    /**
     * Maximum violations listed for one event. Every problem is reported up to this many; beyond it a final
     * violation at {@code $} says how many more there were, so a garbage event cannot produce a huge error response.
     */
    public static final int MAX_VIOLATIONS = 100;

    private TurnLimits() {
    }

    /** The number at {@code pointer} in the schema. */
    private static BigDecimal at(String pointer) {
        JsonNode value = SchemaResource.TURN_EVENT.tree().at(pointer);
        if (!value.isNumber()) {
            throw new IllegalStateException(SchemaResource.TURN_EVENT.resource() + " has no number at " + pointer);
        }
        return value.decimalValue();
    }

    private static int intAt(String pointer) {
        return at(pointer).intValueExact();
    }
}
