package io.agentmeter.schema.event;

import static io.agentmeter.schema.validation.Samples.VALID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.validation.ReadResult;
import io.agentmeter.schema.validation.Samples;
import io.agentmeter.schema.validation.TurnLimits;
import io.agentmeter.schema.validation.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TurnEventReaderTest {

    private static final TurnEventReader READER = new TurnEventReader(Samples.CLOCK);

    static List<String> validSamples() {
        return Samples.names(VALID);
    }

    @Test
    void shouldBindEveryFieldOfTheFullSample() {
        TurnEvent event = READER.read(Samples.bytes(VALID, "full.json")).orElseThrow();

        assertThat(event.eventId()).isEqualTo("01JXKQ2V7M8Y3T9W6Z5R4P1N0A");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-05-31T10:15:30.250Z"));
        assertThat(event.usage()).isEqualTo(new Usage(48210L, 1532L, 40000L, 6000L, 1000L, 420L, 49742L));
        assertThat(event.tools()).first().isEqualTo(new ToolUse("bash", 3, 2100L, 5200L, 180L));
        assertThat(event.params().get("thinking").get("budget_tokens").asInt()).isEqualTo(4096);
        assertThat(event.labels()).containsEntry("app.kubernetes.io/name", "checkout");
        assertThat(TurnEventWriter.toTree(event).properties()).hasSize(26);
    }

    @Test
    void shouldBindTheOneHourCacheWritesUnderTheirDocumentedName() {
        TurnEvent event = READER.read(Samples.bytes(VALID, "cache-reads-and-writes.json")).orElseThrow();

        assertThat(event.usage().cacheWrite1hTokens()).isEqualTo(6000L);
        assertThat(TurnEventWriter.toJson(event)).contains("\"cache_write_1h_tokens\":6000");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void shouldReadBackWhatItWroteAsAnEqualEvent(String sample) {
        TurnEvent read = READER.read(Samples.bytes(VALID, sample)).orElseThrow();

        TurnEvent again = READER.read(TurnEventWriter.toBytes(read)).orElseThrow();

        assertThat(again).isEqualTo(read);
    }

    @Test
    void shouldKeepAbsentAndNullCountsNullNotZero() {
        TurnEvent event = READER.read(Samples.bytes(VALID, "partial-usage.json")).orElseThrow();

        assertThat(event.usage().inputTokens()).isEqualTo(1200L);
        assertThat(event.usage().outputTokens()).isNull();
        assertThat(event.usage().cacheReadTokens()).isNull();
        assertThat(event.tokenBreakdown()).isNull();
    }

    @Test
    void shouldKeepEveryNullOptionalFieldNull() {
        TurnEvent event = READER.read(Samples.bytes(VALID, "null-optional-fields.json")).orElseThrow();

        assertThat(event).isEqualTo(new TurnEvent(null, null, "evt-0001", Instant.parse("2025-05-31T10:15:30Z"),
                "sess-42", "claude-sonnet-4-5", null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null));
    }

    @Test
    void shouldNotWriteUnreportedFields() {
        TurnEvent event = READER.read(Samples.bytes(VALID, "partial-usage.json")).orElseThrow();

        assertThat(TurnEventWriter.toJson(event)).contains("\"usage\":{\"input_tokens\":1200}")
                .doesNotContain("output_tokens", "null");
    }

    @Test
    void shouldKeepTheReportedCostExactToTheLastDigit() {
        TurnEvent event = READER.read(Samples.bytes(VALID, "exact-reported-cost.json")).orElseThrow();

        assertThat(event.reportedCostUsd()).isEqualTo(new BigDecimal("0.10000000000000000555"));
        assertThat(TurnEventWriter.toJson(event)).contains("\"reported_cost_usd\":0.10000000000000000555");
    }

    @Test
    void shouldKeepTheScaleOfTheReportedCost() {
        TurnEvent event = READER.read(withField("\"reported_cost_usd\": 1.50")).orElseThrow();

        assertThat(event.reportedCostUsd()).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void shouldBindWholeDecimalsAsCounts() {
        TurnEvent event = READER.read(Samples.bytes(VALID, "integral-float-counts.json")).orElseThrow();

        assertThat(event.usage().inputTokens()).isEqualTo(1200L);
        assertThat(event.usage().outputTokens()).isEqualTo(100L);
        assertThat(event.turnIndex()).isEqualTo(3);
    }

    @Test
    void shouldBindTimesWithTheSameRulesTheValidatorChecks() {
        TurnEvent event = READER.read(withField("\"started_at\": \"2025-05-31 12:15:00.5+02:00\"")).orElseThrow();

        assertThat(event.startedAt()).isEqualTo(Instant.parse("2025-05-31T10:15:00.500Z"));
    }

    @Test
    void shouldReturnEveryViolationOfAnInvalidEvent() {
        ReadResult<TurnEvent> result = READER.read(Samples.bytes(Samples.INVALID, "several-faults.json"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.event()).isEmpty();
        assertThat(result.violations()).hasSize(10);
    }

    @Test
    void shouldThrowTheViolationsWhenAskedForTheEventOfAnInvalidResult() {
        ReadResult<TurnEvent> result = READER.read("{}".getBytes(UTF_8));

        assertThatThrownBy(result::orElseThrow).isInstanceOfSatisfying(InvalidTurnEventException.class, e -> {
            assertThat(e).hasMessageContaining("$.event_id: is required");
            assertThat(e.violations()).isEqualTo(result.violations()).hasSize(4);
        });
    }

    @Test
    void shouldReportBytesThatAreNotJsonAsOneViolationAtTheRoot() {
        ReadResult<TurnEvent> result = READER.read("{\"event_id\": ".getBytes(UTF_8));

        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$");
            assertThat(v.reason()).startsWith("is not valid JSON: Unexpected end-of-input");
        });
    }

    @Test
    void shouldReportBytesThatAreNotUtf8AsNotJson() {
        byte[] latin1 = "{\"event_id\": \"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(READER.read(latin1).violations()).singleElement().extracting(Violation::reason).asString()
                .startsWith("is not valid JSON");
    }

    @Test
    void shouldRejectANullPayload() {
        assertThat(READER.read((byte[]) null).violations()).containsExactly(new Violation("$",
                "is missing: no payload (null)"));
    }

    @Test
    void shouldRejectAnEmptyPayload() {
        assertThat(READER.read(" \n".getBytes(UTF_8)).violations()).containsExactly(new Violation("$",
                "is empty; expected a JSON object"));
    }

    @Test
    void shouldRejectBytesOverTheEventLimitWithoutParsingThem() {
        byte[] huge = new byte[TurnLimits.MAX_EVENT_BYTES + 1];

        assertThat(READER.read(huge).violations()).containsExactly(new Violation("$",
                "is " + huge.length + " bytes, at most " + TurnLimits.MAX_EVENT_BYTES + " are allowed"));
    }

    @Test
    void shouldRejectATreeOverTheEventLimit() throws IOException {
        JsonNode tree = Json.mapper().readTree(withField("\"padding\": \"" + "x".repeat(TurnLimits.MAX_EVENT_BYTES)
                + "\""));

        assertThat(READER.read(tree).violations()).singleElement().extracting(Violation::reason).asString()
                .contains("bytes as compact JSON, at most " + TurnLimits.MAX_EVENT_BYTES);
    }

    @Test
    void shouldRejectADuplicateKey() {
        ReadResult<TurnEvent> result = READER.read(withField("\"model\": \"gpt-4.1\""));

        assertThat(result.violations()).singleElement().extracting(Violation::reason).asString()
                .contains("Duplicate field 'model'");
    }

    @Test
    void shouldRejectTwoEventsInOnePayload() {
        byte[] one = Samples.bytes(VALID, "minimal.json");
        byte[] two = (new String(one, UTF_8) + new String(one, UTF_8)).getBytes(UTF_8);

        assertThat(READER.read(two).violations()).singleElement().extracting(Violation::reason).asString()
                .startsWith("is not one JSON value");
    }

    @Test
    void shouldReadAParsedTreeLikeBytes() throws IOException {
        JsonNode tree = Json.mapper().readTree(Samples.bytes(VALID, "full.json"));

        assertThat(READER.read(tree).orElseThrow())
                .isEqualTo(READER.read(Samples.bytes(VALID, "full.json")).orElseThrow());
    }

    @Test
    void shouldJudgeAnEventBuiltInCodeLikeOneReadFromJson() {
        TurnEvent event = new TurnEvent(null, null, "e", Instant.parse("2025-05-31T10:00:00Z"), "s", "m", null, null,
                null, null, null, null, null, null, -5L, null, null, new Usage(10L, 1L, 20L, null, null, null, null),
                null, null, null, null, null, null, null, null);

        assertThat(READER.validate(event)).extracting(Violation::path)
                .containsExactly("$.duration_ms", "$.usage.cache_read_tokens");
    }

    @Test
    void shouldReadTheSameEventsFromManyThreadsAtOnce() throws Exception {
        List<byte[]> samples = validSamples().stream().map(name -> Samples.bytes(VALID, name)).toList();
        List<TurnEvent> expected = samples.stream().map(b -> READER.read(b).orElseThrow()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<TurnEvent>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    List<TurnEvent> last = List.of();
                    for (int i = 0; i < 50; i++) {
                        last = samples.stream().map(b -> READER.read(b).orElseThrow()).toList();
                    }
                    return last;
                }));
            }
            for (Future<List<TurnEvent>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldSerializeAViolationAsPathAndReason() throws IOException {
        String json = Json.mapper().writeValueAsString(new Violation("$.usage.input_tokens", "must not be negative"));

        assertThat(json).isEqualTo("{\"path\":\"$.usage.input_tokens\",\"reason\":\"must not be negative\"}");
    }

    /** The minimal sample with one more field. */
    private static byte[] withField(String field) {
        String minimal = new String(Samples.bytes(VALID, "minimal.json"), UTF_8).trim();
        return (minimal.substring(0, minimal.length() - 1) + ", " + field + "}").getBytes(UTF_8);
    }
}
