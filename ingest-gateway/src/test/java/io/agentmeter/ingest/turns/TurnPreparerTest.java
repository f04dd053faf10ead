package io.agentmeter.ingest.turns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.turns.TurnPreparer.Accepted;
import io.agentmeter.ingest.turns.TurnPreparer.Rejected;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.validation.TurnValidator;
import io.agentmeter.schema.validation.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TurnPreparerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    private final TurnPreparer preparer = new TurnPreparer(new TurnValidator(CLOCK));
    private final Caller acme = new Caller("key_1", "acme", Optional.empty());

    /** Parsed as the gateway parses bodies (decimals kept as sent). */
    private static JsonNode json(String text) {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        EventBatchParser.parse(text.getBytes(StandardCharsets.UTF_8), BatchFormat.JSON, 1,
                new EventBatchParser.ItemHandler() {
                    @Override
                    public void item(int index, JsonNode node, byte[] source, int offset, int length) {
                        items.add(node);
                    }

                    @Override
                    public void unreadable(int index, Violation violation) {
                        throw new AssertionError(violation);
                    }
                });
        return items.get(0);
    }

    @Test
    void shouldKeepTheEventAsSentAndSetTheKeysTenant() throws IOException {
        String sent = "{\"event_id\":\"e1\",\"occurred_at\":\"2025-06-01T13:00:00.5+02:00\",\"session_id\":\"s 1\","
                + "\"model\":\"m\",\"tenant_id\":\"other\",\"x_unknown\":[1,2],\"reported_cost_usd\":0.00100}";
        Accepted accepted = (Accepted) preparer.prepare(0, json(sent), acme);
        assertThat(accepted.key()).isEqualTo("acme:s 1");
        assertThat(accepted.eventId()).isEqualTo("e1");
        assertThat(new String(accepted.value(), StandardCharsets.UTF_8)).isEqualTo(sent.replace("other", "acme"));
    }

    @Test
    void shouldPublishTheSentBytesWithTheTenantAppendedWhenThePayloadHasNone() {
        String sent = "{ \"event_id\": \"e2\",\n \"occurred_at\": \"2025-06-01T11:00:00Z\", \"session_id\": \"s\","
                + " \"model\": \"m\", \"reported_cost_usd\": 1.50 }";
        byte[] line = ("  " + sent + "\r").getBytes(StandardCharsets.UTF_8);
        Accepted accepted = (Accepted) preparer.prepare(0, json(sent), acme, line, 0, line.length);
        assertThat(new String(accepted.value(), StandardCharsets.UTF_8))
                .isEqualTo(sent.substring(0, sent.length() - 1) + ",\"tenant_id\":\"acme\"}");

        Caller bound = new Caller("key_2", "acme", Optional.of("shop \"eu\""));
        Accepted stamped = (Accepted) preparer.prepare(0, json(sent), bound, line, 0, line.length);
        assertThat(new String(stamped.value(), StandardCharsets.UTF_8))
                .endsWith(" ,\"tenant_id\":\"acme\",\"project\":\"shop \\\"eu\\\"\"}");
    }

    @Test
    void shouldFallBackToCompactJsonWhenTheSentSpellingIsTooLarge() {
        String sent = "{\"event_id\": \"e3\"," + " ".repeat(600 * 1024) + "\"occurred_at\": \"2025-06-01T11:00:00Z\","
                + " \"session_id\": \"s\", \"model\": \"m\"}";
        byte[] bytes = sent.getBytes(StandardCharsets.UTF_8);
        Accepted accepted = (Accepted) preparer.prepare(0, json(sent), acme, bytes, 0, bytes.length);
        assertThat(new String(accepted.value(), StandardCharsets.UTF_8)).isEqualTo("{\"event_id\":\"e3\","
                + "\"occurred_at\":\"2025-06-01T11:00:00Z\",\"session_id\":\"s\",\"model\":\"m\",\"tenant_id\":\"acme\"}");
    }

    @Test
    void shouldStampTheProjectOfAProjectBoundKey() throws IOException {
        Caller bound = new Caller("key_2", "acme", Optional.of("checkout"));
        Accepted accepted = (Accepted) preparer.prepare(0, json("{\"event_id\":\"e\",\"occurred_at\":"
                + "\"2025-06-01T11:00:00Z\",\"session_id\":\"s\",\"model\":\"m\",\"project\":\"other\"}"), bound);
        assertThat(Json.mapper().readTree(accepted.value()).get("project").textValue()).isEqualTo("checkout");
    }

    @Test
    void shouldListEveryViolationWithItsPath() throws IOException {
        Rejected rejected = (Rejected) preparer.prepare(3, json("{\"event_id\":\"e9\",\"session_id\":\"\","
                + "\"usage\":{\"input_tokens\":-1}}"), acme);
        assertThat(rejected.index()).isEqualTo(3);
        assertThat(rejected.eventId()).isEqualTo("e9");
        assertThat(rejected.errors()).extracting(Violation::path)
                .containsExactly("$.session_id", "$.usage.input_tokens", "$.occurred_at", "$.model");
    }

    @Test
    void shouldRejectWhatIsNotAnObjectWithoutAnEventId() throws IOException {
        Rejected rejected = (Rejected) preparer.prepare(0, json("[1]"), acme);
        assertThat(rejected.eventId()).isNull();
        assertThat(rejected.errors()).extracting(Violation::path).containsExactly("$");
    }

    @Test
    void shouldNotEchoAnEventIdThatCannotBeAnId() throws IOException {
        String longId = "x".repeat(1000);
        Rejected rejected = (Rejected) preparer.prepare(0, json("{\"event_id\":\"" + longId + "\"}"), acme);
        assertThat(rejected.eventId()).isNull();
    }
}
