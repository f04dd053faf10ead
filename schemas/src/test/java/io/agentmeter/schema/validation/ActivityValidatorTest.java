package io.agentmeter.schema.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The activity event's rules: each bad input names the field and the reason. */
class ActivityValidatorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ActivityValidator VALIDATOR = new ActivityValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldAcceptAMinimalEvent() {
        assertThat(VALIDATOR.validate(event())).isEmpty();
    }

    @Test
    void shouldAcceptEveryField() {
        ObjectNode event = event();
        event.put("schema_version", 1).put("tenant_id", "acme").put("name", "Bash").put("status", "reject")
                .put("duration_ms", 1200).put("model", "claude-sonnet-4-5").put("provider", "anthropic")
                .put("project", "p").put("agent", "claude-code").put("user_id", "u").put("source", "claude_code")
                .put("payload", "ls -la").put("unknown_field", true);

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldNameEachMissingRequiredField() {
        assertThat(VALIDATOR.validate(json("{}"))).containsExactly(
                new Violation("$.event_id", "is required"),
                new Violation("$.occurred_at", "is required"),
                new Violation("$.session_id", "is required"),
                new Violation("$.kind", "is required"));
    }

    @Test
    void shouldRefuseAnUnknownKindNamingTheAllowedOnes() {
        ObjectNode event = event().put("kind", "thinking");

        assertThat(VALIDATOR.validate(event)).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.kind");
            assertThat(v.reason()).contains("\"tool_call\"").contains("\"system\"").contains("got \"thinking\"");
        });
    }

    @Test
    void shouldRefuseAnUnknownStatus() {
        assertThat(VALIDATOR.validate(event().put("status", "maybe"))).singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("$.status"));
    }

    @Test
    void shouldRefuseANegativeDuration() {
        assertThat(VALIDATOR.validate(event().put("duration_ms", -5))).containsExactly(
                new Violation("$.duration_ms", "must not be negative, got -5"));
    }

    @Test
    void shouldRefuseAPayloadThatIsNotText() {
        ObjectNode event = event();
        event.putObject("payload").put("command", "ls");

        assertThat(VALIDATOR.validate(event)).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.payload");
            assertThat(v.reason()).startsWith("must be a string");
        });
    }

    @Test
    void shouldRefuseTextPostgresCannotStoreByTheTurnsRule() {
        assertThat(VALIDATOR.validate(event().put("payload", "a\u0000b"))).containsExactly(
                new Violation("$.payload", StorableText.problem("\u0000")));
        assertThat(VALIDATOR.validate(event().put("name", "x\ud800"))).singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("unpaired surrogate"));
    }

    @Test
    void shouldRefuseATimeInTheFutureOrBefore2000() {
        assertThat(VALIDATOR.validate(event().put("occurred_at", "2026-06-01T13:00:00Z"))).singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("$.occurred_at"));
        assertThat(VALIDATOR.validate(event().put("occurred_at", "1970-01-01T00:00:00Z"))).singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("before 2000"));
        assertThat(VALIDATOR.validate(event().put("occurred_at", "yesterday"))).singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("$.occurred_at"));
    }

    @Test
    void shouldRefuseABlankSessionAndAnotherSchemaVersion() {
        assertThat(VALIDATOR.validate(event().put("session_id", " ").put("schema_version", 2)))
                .extracting(Violation::path).containsExactlyInAnyOrder("$.session_id", "$.schema_version");
    }

    static ObjectNode event() {
        return json("""
                {"event_id": "a-1", "occurred_at": "2026-06-01T11:59:00Z", "session_id": "s-1", "kind": "tool_call"}""");
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
