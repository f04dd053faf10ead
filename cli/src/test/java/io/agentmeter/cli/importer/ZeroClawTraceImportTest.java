package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.schema.activity.ActivityStatus;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * ZeroClaw's state/runtime-trace.jsonl (fixture written from ZeroClaw's RuntimeTraceEvent and the record_event calls
 * of its agent loop and channels; see SOURCES.md beside the fixture).
 */
class ZeroClawTraceImportTest {

    private static final String RUN = "7e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c";

    /*
     * zeroclaw-trace/hand-written/state/runtime-trace.jsonl:
     *   1 channel_message_inbound (no turn_id)      -> user_prompt, session zeroclaw:telegram
     *   2 llm_request                               -> api_request
     *   3 llm_response, 2407 ms                     -> reply ok, payload raw_response
     *   4 tool_call_start http_request              -> tool_call, payload arguments
     *   5 tool_call_result http_request ok, 461 ms  -> tool_call ok, payload output
     *   6 tool_call_result shell, success false     -> tool_call error, payload message + arguments
     *   7 blank; 8 not JSON; 9 no event_type; 10 a schema-2 log event -> problems at :8, :9, :10
     *  11 turn_final_response                       -> reply ok
     */
    @Test
    void shouldReadEveryTraceEventAsAnActivityEventInOrder() throws Exception {
        CollectingSink sink = new CollectingSink();
        ImportSummary summary = new Importer(ImportOptions.standard(), sink, TestLogs.CLOCK).run(List.of(trace()));

        List<ActivityEvent> events = sink.activities();
        assertThat(sink.events).as("no turns: ZeroClaw's spend is in costs.jsonl").isEmpty();
        assertThat(events).extracting(ActivityEvent::kind).containsExactly(ActivityKind.USER_PROMPT,
                ActivityKind.API_REQUEST, ActivityKind.REPLY, ActivityKind.TOOL_CALL, ActivityKind.TOOL_CALL,
                ActivityKind.TOOL_CALL, ActivityKind.REPLY);
        assertThat(events.get(0).sessionId()).isEqualTo("zeroclaw:telegram");
        assertThat(events.get(0).payload()).isEqualTo("what is the weather in Seoul?");
        assertThat(events.subList(1, 7)).extracting(ActivityEvent::sessionId).containsOnly(RUN);

        ActivityEvent reply = events.get(2);
        assertThat(reply.eventId()).isEqualTo("zeroclaw-trace:2d8c3b2a-0f9e-4d7c-9a5b-4e3f2a1b0c93");
        assertThat(reply.occurredAt()).isEqualTo(Instant.parse("2026-03-29T12:02:12.611Z"));
        assertThat(reply.status()).isEqualTo(ActivityStatus.OK);
        assertThat(reply.durationMs()).isEqualTo(2407);
        assertThat(reply.model()).isEqualTo("anthropic/claude-sonnet-4");
        assertThat(reply.provider()).isEqualTo("openrouter");
        assertThat(reply.agent()).isEqualTo("zeroclaw");
        assertThat(reply.source()).isEqualTo("zeroclaw");
        assertThat(reply.payload()).startsWith("<tool_call>");

        ActivityEvent ok = events.get(4);
        assertThat(ok.name()).isEqualTo("http_request");
        assertThat(ok.status()).isEqualTo(ActivityStatus.OK);
        assertThat(ok.durationMs()).isEqualTo(461);
        assertThat(ok.payload()).isEqualTo("{\"current\":{\"temperature_2m\":14.2}}");
        ActivityEvent denied = events.get(5);
        assertThat(denied.name()).isEqualTo("shell");
        assertThat(denied.status()).isEqualTo(ActivityStatus.ERROR);
        assertThat(denied.payload()).isEqualTo("Denied by approval policy\n{\"command\":\"curl wttr.in/Seoul\"}");

        assertThat(summary.problems()).extracting(p -> p.where().substring(p.where().lastIndexOf(':') + 1))
                .containsExactly("8", "9", "10");
        assertThat(summary.problems().get(0).where()).endsWith("zeroclaw-trace/hand-written/state/runtime-trace.jsonl:8");
        assertThat(summary.problems().get(0).reason()).startsWith("not valid JSON");
        assertThat(summary.problems().get(1).reason()).contains("without event_type");
        assertThat(summary.problems().get(2).reason()).contains("schema 2");
    }

    @Test
    void shouldDetectTheFormatFromTheFirstLine() throws Exception {
        assertThat(FormatDetector.detect(trace())).contains(Format.ZEROCLAW_TRACE);
    }

    @Test
    void shouldCutAnOversizedPayloadInsteadOfDroppingTheEvent() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("trace");
        java.nio.file.Path file = dir.resolve("runtime-trace.jsonl");
        java.nio.file.Files.writeString(file, "{\"id\":\"big\",\"timestamp\":\"2026-03-29T14:02:15Z\","
                + "\"event_type\":\"tool_call_result\",\"turn_id\":\"r\",\"success\":true,\"payload\":{\"tool\":\"shell\","
                + "\"output\":\"" + "x".repeat(100_000) + "\"}}\n");
        CollectingSink sink = new CollectingSink();
        new Importer(ImportOptions.standard(), sink, TestLogs.CLOCK).run(List.of(file));

        assertThat(sink.activities()).singleElement().satisfies(a ->
                assertThat(a.payload()).endsWith("…[truncated " + (100_000 - a.payload().indexOf('…')) + " bytes]"));
    }

    static Path trace() {
        try {
            return Path.of(Objects.requireNonNull(ZeroClawTraceImportTest.class.getResource(
                    "/zeroclaw-trace/hand-written/state/runtime-trace.jsonl")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
