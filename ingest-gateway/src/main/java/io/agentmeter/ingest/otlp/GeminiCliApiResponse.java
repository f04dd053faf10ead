package io.agentmeter.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.List;

/**
 * Gemini CLI's {@code gemini_cli.api_response} log event (one per model call) as a turn. One prompt of the CLI makes
 * several calls (a {@code utility_router} call choosing the model, then {@code main} calls): each is real spend and
 * its own turn; the call's {@code role} is kept as the label {@code role}, so the agent stays {@code gemini-cli} and
 * its cost can still be split by role.
 */
final class GeminiCliApiResponse implements LogEventMapper {

    static final String EVENT = "gemini_cli.api_response";

    /** What identifies one call (besides the record's time). */
    static final List<String> ID_ATTRIBUTES = List.of("session.id", "prompt_id", "role", "model",
            "input_token_count", "output_token_count", "cached_content_token_count", "thoughts_token_count",
            "tool_token_count", "total_token_count", "duration_ms");

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    public LogOutcome map(OtlpLogRecord record) {
        AnyValue output = record.attribute("output_token_count");
        AnyValue thoughts = record.attribute("thoughts_token_count");
        return new Turn(new LogTurn(record, EventIds.derive(AgentCli.GEMINI_CLI.idPrefix(), record, ID_ATTRIBUTES))
                .text("session_id", "session.id")
                .text("model", "model")
                .put("provider", "vertex-ai".equals(record.text("auth_type").orElse("")) ? "gcp.vertex_ai"
                        : "gcp.gemini")
                .agent(AgentCli.GEMINI_CLI)
                .user()
                .duration("duration_ms")
                // Gemini counts tool-use prompt tokens apart from the prompt, and thoughts apart from the
                // candidates; the turn event's input and output include them. Cached content is part of the prompt.
                .usage("input_tokens", OtlpValues.sum(record.attribute("input_token_count"),
                        record.attribute("tool_token_count")))
                .usage("output_tokens", OtlpValues.sum(output, thoughts))
                .usage("cache_read_tokens", "cached_content_token_count")
                .usage("reasoning_tokens", "thoughts_token_count")
                .usage("total_tokens", "total_token_count")
                .label("role", "role")
                .label("prompt_id", "prompt_id")
                .build());
    }
}
