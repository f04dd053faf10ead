package io.agentmeter.schema.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.TenantId;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.Prompt;
import io.agentmeter.schema.event.TokenBreakdown;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps the published JSON Schema and the Java contract from drifting apart: limits, fields and descriptions. */
class TurnLimitsSchemaTest {

    private static final JsonNode SCHEMA = schema();

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of("/$defs/requiredId/maxLength", TurnLimits.MAX_ID_LENGTH),
                Arguments.of("/$defs/optionalId/maxLength", TurnLimits.MAX_ID_LENGTH),
                Arguments.of("/$defs/tokenCount/maximum", TurnLimits.MAX_TOKEN_COUNT),
                Arguments.of("/$defs/durationMs/maximum", TurnLimits.MAX_DURATION_MS),
                Arguments.of("/properties/turn_index/maximum", TurnLimits.MAX_TURN_INDEX),
                Arguments.of("/properties/tools/maxItems", TurnLimits.MAX_TOOLS),
                Arguments.of("/properties/tools/items/properties/calls/maximum", TurnLimits.MAX_TOOL_CALLS),
                Arguments.of("/properties/reported_cost_usd/maximum", TurnLimits.MAX_REPORTED_COST_USD),
                Arguments.of("/properties/prompt/properties/text/maxLength", TurnLimits.MAX_PROMPT_TEXT_CHARS),
                Arguments.of("/properties/labels/maxProperties", TurnLimits.MAX_LABELS),
                Arguments.of("/properties/labels/propertyNames/maxLength", TurnLimits.MAX_LABEL_KEY_CHARS),
                Arguments.of("/properties/labels/additionalProperties/maxLength", TurnLimits.MAX_LABEL_VALUE_CHARS),
                Arguments.of("/properties/tenant_id/maxLength", TenantId.MAX_LENGTH));
    }

    /** Limits JSON Schema cannot enforce are stated in descriptions; these must quote the Java values. */
    static Stream<Arguments> describedLimits() {
        return Stream.of(
                Arguments.of("/properties/params/description", TurnLimits.MAX_PARAMS_BYTES + " bytes"),
                Arguments.of("/properties/params/description", "1e" + TurnLimits.MAX_PARAMS_NUMBER_EXPONENT),
                Arguments.of("/properties/reported_cost_usd/description",
                        TurnLimits.MAX_COST_FRACTION_DIGITS + " digits after the decimal point"),
                Arguments.of("/properties/occurred_at/description",
                        TurnLimits.MAX_FUTURE_SKEW.toMinutes() + " minutes ahead"),
                Arguments.of("/properties/occurred_at/description", TurnLimits.MIN_OCCURRED_AT.toString()),
                Arguments.of("/description", TurnLimits.MAX_EVENT_BYTES + " bytes"),
                Arguments.of("/description", TurnLimits.MAX_PARAMS_BYTES + " bytes"),
                Arguments.of("/description", TurnLimits.MAX_COST_FRACTION_DIGITS + " decimals"));
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("", TurnEvent.class),
                Arguments.of("/properties/usage", Usage.class),
                Arguments.of("/properties/token_breakdown", TokenBreakdown.class),
                Arguments.of("/properties/context", ContextWindow.class),
                Arguments.of("/properties/tools/items", ToolUse.class),
                Arguments.of("/properties/prompt", Prompt.class));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("limits")
    void shouldStateTheSameLimitAsTurnLimits(String pointer, Number limit) {
        JsonNode value = SCHEMA.at(pointer);

        assertThat(value.isNumber()).as(pointer).isTrue();
        assertThat(value.decimalValue()).as(pointer).isEqualByComparingTo(new BigDecimal(limit.toString()));
    }

    @ParameterizedTest(name = "{0} mentions {1}")
    @MethodSource("describedLimits")
    void shouldQuoteTheLimitsItCannotEnforceInDescriptions(String pointer, String limit) {
        assertThat(SCHEMA.at(pointer).asText()).contains(limit);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("records")
    void shouldDescribeExactlyTheFieldsJacksonBindsOnTheRecord(String pointer, Class<? extends Record> type) {
        DeserializationConfig config = Json.mapper().getDeserializationConfig();
        List<String> bound = config.introspect(config.constructType(type)).findProperties().stream()
                .filter(BeanPropertyDefinition::couldDeserialize)
                .map(BeanPropertyDefinition::getName)
                .toList();

        assertThat(bound).hasSize(type.getRecordComponents().length);
        assertThat(names(SCHEMA.at(pointer + "/properties"))).containsExactlyInAnyOrderElementsOf(bound);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("records")
    void shouldDescribeExactlyTheFieldsJacksonWritesFromTheRecord(String pointer, Class<? extends Record> type) {
        SerializationConfig config = Json.mapper().getSerializationConfig();
        List<String> written = config.introspect(config.constructType(type)).findProperties().stream()
                .filter(BeanPropertyDefinition::couldSerialize)
                .map(BeanPropertyDefinition::getName)
                .toList();

        assertThat(names(SCHEMA.at(pointer + "/properties"))).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void shouldDescribeEveryProperty() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed("", SCHEMA, undescribed);

        assertThat(undescribed).isEmpty();
    }

    @Test
    void shouldRequireExactlyTheFourRequiredFields() {
        assertThat(SCHEMA.at("/required")).extracting(JsonNode::asText)
                .containsExactly("event_id", "occurred_at", "session_id", "model");
    }

    @Test
    void shouldAllowUnknownTopLevelFields() {
        assertThat(SCHEMA.at("/additionalProperties").asBoolean()).isTrue();
    }

    @Test
    void shouldDeclareDraft202012AndItsId() {
        assertThat(SCHEMA.at("/$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(SCHEMA.at("/$id").asText()).isEqualTo(SchemaResource.TURN_EVENT.id());
    }

    @Test
    void shouldAcceptOnlyTheSchemaVersionOfTurnLimits() {
        assertThat(SCHEMA.at("/properties/schema_version/enum/0").asInt()).isEqualTo(TurnLimits.SCHEMA_VERSION)
                .isEqualTo(TurnEvent.CURRENT_SCHEMA_VERSION);
    }

    @Test
    void shouldListTheStatusesOfTurnEvent() {
        assertThat(SCHEMA.at("/properties/status/enum")).extracting(JsonNode::asText)
                .containsExactly(TurnEvent.STATUS_OK, TurnEvent.STATUS_ERROR, "null");
    }

    private static void collectUndescribed(String pointer, JsonNode schema, List<String> undescribed) {
        JsonNode properties = schema.get("properties");
        if (properties == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String at = pointer + "/properties/" + property.getKey();
            if (!property.getValue().hasNonNull("description")) {
                undescribed.add(at);
            }
            collectUndescribed(at, property.getValue(), undescribed);
            JsonNode items = property.getValue().get("items");
            if (items != null) {
                collectUndescribed(at + "/items", items, undescribed);
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode schema() {
        try {
            return Json.mapper().readTree(SchemaResource.TURN_EVENT.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
