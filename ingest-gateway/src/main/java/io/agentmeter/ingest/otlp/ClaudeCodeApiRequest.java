package io.agentmeter.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.List;

/**
 * Claude Code's {@code claude_code.api_request} log event (one per successful API call) as a turn.
 *
 * <p>{@code cost_usd} is Claude Code's own estimate at its built-in list prices, not what the call was billed
 * (subscriptions, Bedrock, Vertex and negotiated rates all differ from it), so it is kept as the label
 * {@code claude_code.cost_usd} and the turn is priced by the price book like every other agent's, tenant overrides
 * included; as {@code reported_cost_usd} it would win over them. See docs/ingest.md.
 */
final class ClaudeCodeApiRequest implements LogEventMapper {

    static final String EVENT = "claude_code.api_request";

    /** What identifies one request when Claude Code sends no {@code request_id} (besides the record's time). */
    static final List<String> ID_ATTRIBUTES = List.of("session.id", "prompt.id", "event.sequence", "model",
            "input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_tokens", "cost_usd",
            "duration_ms");

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    public LogOutcome map(OtlpLogRecord record) {
        AnyValue input = record.attribute("input_tokens");
        AnyValue cacheRead = record.attribute("cache_read_tokens");
        AnyValue cacheWrite = record.attribute("cache_creation_tokens");
        return new Turn(new LogTurn(record, eventId(record))
                .text("session_id", "session.id")
                .text("model", "model")
                .put("provider", "anthropic")
                .agent(AgentCli.CLAUDE_CODE)
                .user()
                .duration("duration_ms")
                // Anthropic's input_tokens leaves out cache reads and writes; the turn event's includes them.
                .usage("input_tokens", OtlpValues.sum(input, cacheRead, cacheWrite))
                .usage("output_tokens", "output_tokens")
                .usage("cache_read_tokens", "cache_read_tokens")
                // The event does not split 5-minute from 1-hour writes: all are priced at the 5-minute rate.
                .usage("cache_write_tokens", "cache_creation_tokens")
                .label("claude_code.cost_usd", "cost_usd")
                .label("prompt_id", "prompt.id")
                .build());
    }

    /** {@code cc-otlp:} + hex32(SHA-256(request_id)), else derived from {@link #ID_ATTRIBUTES}. */
    static String eventId(OtlpLogRecord record) {
        return record.text("request_id")
                .map(requestId -> EventIds.derive(AgentCli.CLAUDE_CODE.idPrefix(), List.of(requestId)))
                .orElseGet(() -> EventIds.derive(AgentCli.CLAUDE_CODE.idPrefix(), record, ID_ATTRIBUTES));
    }
}
