package io.agentmeter.ingest.otlp;

import java.util.List;

/**
 * Codex CLI's {@code codex.sse_event} log events: the one whose {@code event.kind} is {@code response.completed}
 * carries the usage of one Responses API call and is a turn; every other kind (created, deltas, output items...) is
 * ignored with the reason {@code codex.sse_event:<kind>}.
 *
 * <p>Codex 0.171 logs {@code response.completed} twice per response: once for the stream event itself (with
 * {@code duration_ms}, no counts) and once with the counts. Only a record with at least one count is a turn; the
 * other is ignored with the reason {@code codex.sse_event:response.completed:no_usage}, so the response counts once.
 *
 * <p>Codex writes most counts as strings ({@code "1234"}); they are read as whole numbers. It sends no response id,
 * so the event id is derived ({@link #ID_ATTRIBUTES}). Its {@code tool_token_count} is the response's total.
 */
final class CodexSseEvent implements LogEventMapper {

    static final String EVENT = "codex.sse_event";
    static final String COMPLETED = "response.completed";

    /** What identifies one response (besides the record's time, which Codex stamps to the millisecond). */
    static final List<String> ID_ATTRIBUTES = List.of("conversation.id", "model", "input_token_count",
            "output_token_count", "cached_token_count", "cache_write_token_count", "reasoning_token_count",
            "tool_token_count");

    /** The counts a response's usage is made of: a record with none of them carries no usage. */
    static final List<String> COUNT_ATTRIBUTES = List.of("input_token_count", "output_token_count",
            "cached_token_count", "cache_write_token_count", "reasoning_token_count", "tool_token_count");

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    public LogOutcome map(OtlpLogRecord record) {
        String kind = record.text("event.kind").orElse("");
        if (!COMPLETED.equals(kind)) {
            return new Ignored(EVENT + ":" + (kind.isEmpty() ? "no_kind" : kind));
        }
        if (COUNT_ATTRIBUTES.stream().allMatch(name -> record.text(name).isEmpty())) {
            return new Ignored(EVENT + ":" + COMPLETED + ":no_usage");
        }
        return new Turn(new LogTurn(record, EventIds.derive(AgentCli.CODEX.idPrefix(), record, ID_ATTRIBUTES))
                .text("session_id", "conversation.id")
                .text("model", "model")
                .agent(AgentCli.CODEX)
                .user()
                .text("conversation_id", "conversation.id")
                .duration("duration_ms")
                // OpenAI's counts already follow the turn event: input includes cached, output includes reasoning.
                .usage("input_tokens", "input_token_count")
                .usage("output_tokens", "output_token_count")
                .usage("cache_read_tokens", "cached_token_count")
                .usage("cache_write_tokens", "cache_write_token_count")
                .usage("reasoning_tokens", "reasoning_token_count")
                .usage("total_tokens", "tool_token_count")
                .build());
    }
}
