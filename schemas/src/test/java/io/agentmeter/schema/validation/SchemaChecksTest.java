package io.agentmeter.schema.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The validator's structural checks are the published schema compiled ({@link SchemaChecks}): a changed schema
 * changes what is checked, and what the compiler does not implement stops it instead of being skipped.
 */
class SchemaChecksTest {

    @Test
    void shouldEnforceALengthAsTheSchemaStatesIt() {
        SchemaChecks checks = compile(schema -> ((ObjectNode) schema.at("/$defs/requiredId")).put("maxLength", 10));

        assertThat(check(checks, "{\"event_id\": \"e-345678901\", \"session_id\": \"s\", \"model\": \"m\","
                + " \"occurred_at\": \"2025-05-31T10:00:00Z\"}"))
                .containsExactly(new Violation("$.event_id", "must be at most 10 characters, got 11"));
    }

    @Test
    void shouldRequireWhatTheSchemaRequires() {
        SchemaChecks checks = compile(schema -> ((ArrayNode) schema.get("required"))
                .add("provider"));

        assertThat(check(checks, "{\"event_id\": \"e\", \"session_id\": \"s\", \"model\": \"m\","
                + " \"occurred_at\": \"2025-05-31T10:00:00Z\"}"))
                .containsExactly(new Violation("$.provider", "is required"));
    }

    @Test
    void shouldReadTheLimitsOfTurnLimitsFromTheSchema() {
        JsonNode schema = SchemaResource.TURN_EVENT.tree();

        assertThat(TurnLimits.MAX_ID_LENGTH).isEqualTo(schema.at("/$defs/requiredId/maxLength").intValue());
        assertThat(TurnLimits.MAX_TOOLS).isEqualTo(schema.at("/properties/tools/maxItems").intValue());
    }

    @Test
    void shouldRefuseAKeywordItDoesNotImplement() {
        assertThatThrownBy(() -> compile(schema -> ((ObjectNode) schema.at("/properties/tools")).put("minItems", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'/properties/tools'").hasMessageContaining("minItems");
    }

    @Test
    void shouldRefuseAPatternItDoesNotKnow() {
        assertThatThrownBy(() -> compile(schema -> ((ObjectNode) schema.at("/$defs/optionalId")).put("pattern", "^a")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pattern ^a");
    }

    @Test
    void shouldRefuseASchemaWithoutAFieldTheSemanticRulesRead() {
        assertThatThrownBy(() -> compile(schema -> ((ObjectNode) schema.at("/properties/usage/properties"))
                .remove("reasoning_tokens"), List.of("/properties/usage/properties/reasoning_tokens")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reasoning_tokens");
    }

    @Test
    void shouldRefuseASchemaWithoutAFieldItHasWordsFor() {
        assertThatThrownBy(() -> compile(schema -> ((ObjectNode) schema.at("/properties")).remove("labels")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/properties/labels");
    }

    private static SchemaChecks compile(Consumer<JsonNode> change) {
        return compile(change, List.of());
    }

    private static SchemaChecks compile(Consumer<JsonNode> change, List<String> kept) {
        JsonNode schema = SchemaResource.TURN_EVENT.tree().deepCopy();
        change.accept(schema);
        return SchemaChecks.compile(schema, kept);
    }

    private static List<Violation> check(SchemaChecks checks, String event) {
        try {
            JsonNode tree = Json.mapper().readTree(event);
            Run run = new Run(tree, 0);
            checks.check(run, tree);
            return run.violations();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
