package io.agentmeter.schema.validation;

import static io.agentmeter.schema.validation.Samples.INVALID;
import static io.agentmeter.schema.validation.Samples.INVALID_SEMANTIC;
import static io.agentmeter.schema.validation.Samples.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every sample through the published JSON Schema (networknt, draft 2020-12, format assertions on) and through
 * {@link TurnValidator}, and checks they agree: valid samples pass both, invalid samples fail both with the expected
 * violations. Rules JSON Schema cannot express live in {@code invalid-semantic/}: the schema accepts those samples,
 * the validator rejects them. See {@link Samples}.
 */
class SampleCorpusTest {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(new ByteArrayInputStream(SchemaResource.TURN_EVENT.bytes()),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    private static final TurnValidator VALIDATOR = new TurnValidator(Samples.CLOCK);

    static List<String> valid() {
        return Samples.names(VALID);
    }

    static List<String> invalid() {
        return Samples.names(INVALID);
    }

    static List<String> invalidSemantic() {
        return Samples.names(INVALID_SEMANTIC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void shouldPassTheJsonSchemaForAValidSample(String sample) {
        assertThat(schemaErrors(VALID, sample)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void shouldPassTheValidatorForAValidSample(String sample) {
        assertThat(VALIDATOR.validate(Samples.tree(VALID, sample))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void shouldFailTheJsonSchemaForAnInvalidSample(String sample) {
        assertThat(schemaErrors(INVALID, sample)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void shouldReportTheExpectedViolationsForAnInvalidSample(String sample) {
        assertViolations(INVALID, sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSemantic")
    void shouldPassTheJsonSchemaForASemanticallyInvalidSample(String sample) {
        assertThat(schemaErrors(INVALID_SEMANTIC, sample)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSemantic")
    void shouldReportTheExpectedViolationsForASemanticallyInvalidSample(String sample) {
        assertViolations(INVALID_SEMANTIC, sample);
    }

    @Test
    void shouldHaveAnExpectationForEveryInvalidSampleAndNoOther() {
        assertThat(Samples.expected(INVALID).keySet()).containsExactlyInAnyOrderElementsOf(invalid());
        assertThat(Samples.expected(INVALID_SEMANTIC).keySet()).containsExactlyInAnyOrderElementsOf(invalidSemantic());
    }

    @Test
    void shouldKeepTheCorpusLargeEnoughToCoverEveryRule() {
        assertThat(valid()).hasSizeGreaterThanOrEqualTo(8).contains("minimal.json", "full.json",
                "unknown-extra-fields.json");
        assertThat(invalid()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(invalidSemantic()).hasSizeGreaterThanOrEqualTo(5);
    }

    private static Set<ValidationMessage> schemaErrors(String folder, String sample) {
        return SCHEMA.validate(Samples.tree(folder, sample));
    }

    private static void assertViolations(String folder, String sample) {
        JsonNode tree = Samples.tree(folder, sample);
        List<Samples.Expected> expected = Samples.expected(folder).get(sample);
        List<Violation> actual = VALIDATOR.validate(tree);

        assertThat(actual).extracting(Violation::path)
                .containsExactlyElementsOf(expected.stream().map(Samples.Expected::path).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).reason()).as(actual.get(i).path()).contains(expected.get(i).reason());
        }
    }
}
