package io.agentmeter.schema.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviours beyond the sample corpus (see {@link SampleCorpusTest}): boundaries, ordering, paths, caps. */
class TurnValidatorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final TurnValidator VALIDATOR = new TurnValidator(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ObjectReader EXACT = Json.mapper().reader()
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    @Test
    void shouldAcceptAMinimalEvent() {
        assertThat(VALIDATOR.validate(event())).isEmpty();
    }

    @Test
    void shouldListViolationsInDocumentOrderNotCheckOrder() {
        ObjectNode event = json("""
                {"labels": {"team": 1}, "status": "bad", "usage": {"output_tokens": -1},
                 "event_id": "e", "occurred_at": "2025-05-31T10:00:00Z", "session_id": "s", "model": 7}""");

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path)
                .containsExactly("$.labels.team", "$.status", "$.usage.output_tokens", "$.model");
    }

    @Test
    void shouldListMissingRequiredFieldsAfterEverythingPresent() {
        ObjectNode event = json("""
                {"usage": {"input_tokens": "1"}}""");

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path).containsExactly(
                "$.usage.input_tokens", "$.event_id", "$.occurred_at", "$.session_id", "$.model");
    }

    @Test
    void shouldAcceptOccurredAtExactlyAtTheSkewLimit() {
        ObjectNode event = event().put("occurred_at", NOW.plus(TurnLimits.MAX_FUTURE_SKEW).toString());

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldRejectOccurredAtOneMillisecondBeyondTheSkewLimit() {
        ObjectNode event = event().put("occurred_at",
                NOW.plus(TurnLimits.MAX_FUTURE_SKEW).plusMillis(1).toString());

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path).containsExactly("$.occurred_at");
    }

    @Test
    void shouldJudgeTheFutureByTheGivenClock() {
        ObjectNode event = event().put("occurred_at", "2030-01-01T00:00:00Z");
        TurnValidator in2030 = new TurnValidator(Clock.fixed(Instant.parse("2030-01-01T00:05:00Z"), ZoneOffset.UTC));

        assertThat(in2030.validate(event)).isEmpty();
    }

    @Test
    void shouldRejectStartedAtBeforeTheEarliestTime() {
        ObjectNode event = event().put("started_at", "1970-01-01T00:00:00Z");

        assertThat(VALIDATOR.validate(event)).singleElement()
                .isEqualTo(new Violation("$.started_at", "is before 2000-01-01T00:00:00Z (a zero or default time?)"));
    }

    @Test
    void shouldAcceptStartedAtEqualToOccurredAt() {
        ObjectNode event = event().put("started_at", event().get("occurred_at").asText());

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldRejectCacheWritesAloneAboveInput() {
        ObjectNode event = event().set("usage", json("""
                {"input_tokens": 100, "cache_write_1h_tokens": 101}"""));

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path).containsExactly("$.usage");
    }

    @Test
    void shouldReportOnlyTheCacheReadRuleWhenCacheReadsAloneExceedInput() {
        ObjectNode event = event().set("usage", json("""
                {"input_tokens": 100, "cache_read_tokens": 150, "cache_write_tokens": 10}"""));

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path)
                .containsExactly("$.usage.cache_read_tokens");
    }

    @Test
    void shouldNotCompareCountsWhenOneIsUnknown() {
        ObjectNode event = event().set("usage", json("""
                {"cache_read_tokens": 150, "reasoning_tokens": 500}"""));

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldNotCompareTotalTokensWithTheOtherCounts() {
        ObjectNode event = event().set("usage", json("""
                {"input_tokens": 100, "output_tokens": 50, "total_tokens": 7}"""));

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldRejectAHugeExponentCountAsTooLargeWithoutExpandingIt() {
        ObjectNode event = event().set("usage", json("""
                {"input_tokens": 1e999999999}"""));

        assertThat(VALIDATOR.validate(event)).singleElement()
                .extracting(Violation::reason).asString().startsWith("must be at most 100000000");
    }

    @Test
    void shouldAcceptATokenCountAtTheMaximum() {
        ObjectNode event = event().set("usage", json("{\"input_tokens\": " + TurnLimits.MAX_TOKEN_COUNT + "}"));

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldAcceptAnEmptyOptionalString() {
        ObjectNode event = event().put("provider", "").put("agent", "");

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldAcceptAnEmptyLabelValue() {
        ObjectNode event = event().set("labels", json("{\"team\": \"\"}"));

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldQuoteKeysThatAreNotPlainNamesInPaths() {
        ObjectNode event = event().set("labels", json("{\"app.kubernetes.io/name\": 1, \"it's\": 2}"));

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path)
                .containsExactly("$.labels['app.kubernetes.io/name']", "$.labels['it\\'s']");
    }

    @Test
    void shouldCountLengthsInCodePointsNotUtf16Units() {
        ObjectNode event = event().put("event_id", "🚀".repeat(TurnLimits.MAX_ID_LENGTH));

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldCutLongValuesInReasons() {
        ObjectNode event = event().put("status", "x".repeat(200));

        assertThat(VALIDATOR.validate(event)).singleElement().extracting(Violation::reason).asString()
                .hasSizeLessThan(100).endsWith("…\"");
    }

    @Test
    void shouldFindUnstorableStringsDeepInsideParams() {
        ObjectNode event = event().set("params", json("""
                {"tools": [{"choice": "a\\u0000b"}]}"""));

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path)
                .containsExactly("$.params.tools[0].choice");
    }

    @Test
    void shouldAcceptParamsExactlyAtTheSizeLimit() {
        String padding = "x".repeat(TurnLimits.MAX_PARAMS_BYTES - "{\"p\":\"\"}".length());
        ObjectNode event = event().set("params", json("{\"p\": \"" + padding + "\"}"));

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldRejectParamsOneByteOverTheSizeLimit() {
        String padding = "x".repeat(TurnLimits.MAX_PARAMS_BYTES - "{\"p\":\"\"}".length() + 1);
        ObjectNode event = event().set("params", json("{\"p\": \"" + padding + "\"}"));

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path).containsExactly("$.params");
    }

    @Test
    void shouldIgnoreTrailingZerosWhenCountingCostDecimals() {
        ObjectNode event = event().set("reported_cost_usd", json("0." + "1".repeat(32) + "0".repeat(20)));

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void shouldCapTheListAndCountTheRest() {
        ObjectNode event = event();
        var tools = event.putArray("tools");
        for (int i = 0; i < 100; i++) {
            tools.addObject().put("calls", -1);
        }

        List<Violation> violations = VALIDATOR.validate(event);

        assertThat(violations).hasSize(TurnLimits.MAX_VIOLATIONS + 1);
        assertThat(violations.get(TurnLimits.MAX_VIOLATIONS))
                .isEqualTo(new Violation("$", "and 100 more problems not listed"));
    }

    @Test
    void shouldJudgeStatusByItsEnumWhateverItIs() {
        ObjectNode event = event().put("status", 5);

        assertThat(VALIDATOR.validate(event)).singleElement()
                .isEqualTo(new Violation("$.status", "must be \"ok\" or \"error\", got 5"));
    }

    @Test
    void shouldRejectANonFiniteSchemaVersionBuiltInCode() {
        ObjectNode event = event().put("schema_version", Double.NaN);

        assertThat(VALIDATOR.validate(event)).singleElement()
                .isEqualTo(new Violation("$.schema_version", "must be 1, the only version this server reads, got NaN"));
    }

    @Test
    void shouldRejectNullAsTheWholeEvent() {
        assertThat(VALIDATOR.validate(Json.mapper().nullNode())).singleElement()
                .isEqualTo(new Violation("$", "must be a JSON object (one turn event), got null"));
    }

    private static ObjectNode event() {
        return json("""
                {"event_id": "e-1", "occurred_at": "2025-05-31T10:00:00Z", "session_id": "s-1", "model": "m"}""");
    }

    @SuppressWarnings("unchecked")
    private static <T extends JsonNode> T json(String text) {
        try {
            return (T) EXACT.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
