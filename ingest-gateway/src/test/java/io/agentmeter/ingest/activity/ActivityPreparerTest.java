package io.agentmeter.ingest.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.turns.TurnPreparer.Accepted;
import io.agentmeter.ingest.turns.TurnPreparer.Prepared;
import io.agentmeter.ingest.turns.TurnPreparer.Rejected;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.activity.ActivityEventReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivityPreparerTest {

    private final ActivityPreparer preparer = new ActivityPreparer(new ActivityEventReader(
            Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC)));

    private static ObjectNode event() throws Exception {
        return (ObjectNode) Json.mapper().readTree("""
                {"event_id": "a-1", "occurred_at": "2026-06-01T11:00:00Z", "session_id": "s-1", "kind": "user_prompt",
                 "tenant_id": "someone-else", "payload": "the prompt"}""");
    }

    @Test
    void shouldStampTheKeysTenantAndProjectAndKeyBySession() throws Exception {
        Prepared prepared = preparer.prepare(0, event(), new Caller("k", "acme", Optional.of("shop")));

        assertThat(prepared).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.key()).isEqualTo("acme:s-1");
            String value = new String(a.value(), StandardCharsets.UTF_8);
            assertThat(value).contains("\"tenant_id\":\"acme\"").contains("\"project\":\"shop\"")
                    .contains("\"payload\":\"the prompt\"");
        });
    }

    @Test
    void shouldDropThePayloadForATenantThatKeepsNone() throws Exception {
        Prepared prepared = preparer.prepare(0, event(), new Caller("k", "acme", Optional.empty(), false));

        assertThat(prepared).isInstanceOfSatisfying(Accepted.class, a ->
                assertThat(new String(a.value(), StandardCharsets.UTF_8)).doesNotContain("payload")
                        .doesNotContain("the prompt"));
    }

    @Test
    void shouldRejectAnInvalidItemWithItsId() throws Exception {
        ObjectNode bad = event().put("kind", "nap");

        assertThat(preparer.prepare(4, bad, new Caller("k", "acme", Optional.empty()))).isInstanceOfSatisfying(
                Rejected.class, r -> {
                    assertThat(r.index()).isEqualTo(4);
                    assertThat(r.eventId()).isEqualTo("a-1");
                    assertThat(r.errors()).singleElement().satisfies(v -> assertThat(v.path()).isEqualTo("$.kind"));
                });
    }
}
