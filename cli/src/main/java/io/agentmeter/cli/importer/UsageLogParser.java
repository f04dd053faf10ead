package io.agentmeter.cli.importer;

import static io.agentmeter.cli.importer.JsonFields.firstText;
import static io.agentmeter.cli.importer.JsonFields.object;
import static io.agentmeter.cli.importer.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * JSONL of API usage: one OpenAI or Anthropic response per line (as a client logged it, or an OpenAI Batch API
 * output line), or one usage object with the model beside it. The shape is detected per line:
 * <ul>
 *   <li>OpenAI Chat Completions: {@code prompt_tokens}, {@code completion_tokens},
 *       {@code prompt_tokens_details.cached_tokens}, {@code completion_tokens_details.reasoning_tokens};</li>
 *   <li>Anthropic Messages: {@code input_tokens}, {@code output_tokens}, {@code cache_read_input_tokens},
 *       {@code cache_creation_input_tokens} (input excludes the cache: it is added up);</li>
 *   <li>OpenAI Responses: {@code input_tokens}, {@code output_tokens}, {@code input_tokens_details},
 *       {@code output_tokens_details}; plain {@code input_tokens}/{@code output_tokens} read the same way.</li>
 * </ul>
 * Found at {@code usage}, {@code response.body.usage} (Batch API), {@code response.usage}, or the line itself.
 */
final class UsageLogParser implements LineByLineParser {

    /** What kind of usage object a line carries. */
    enum Shape {
        OPENAI_CHAT, ANTHROPIC, OPENAI_RESPONSES
    }

    /** Where the usage object and its response were found. */
    record Located(JsonNode response, JsonNode usage, String path, Shape shape) {
    }

    private static final String[] TIME_FIELDS = {"timestamp", "occurred_at", "created_at", "created", "time", "ts"};
    private static final String[] SESSION_FIELDS = {"session_id", "sessionId", "conversation_id", "thread_id"};
    private static final String[] ID_FIELDS = {"id", "request_id", "requestId", "event_id"};

    private final FileContext file;

    UsageLogParser(FileContext file) {
        this.file = file;
    }

    @Override
    public Format format() {
        return Format.USAGE;
    }

    /** The usage object of a line and its shape, or null when the line has none. */
    static Located locate(JsonNode line) {
        JsonNode body = object(line, "response", "body");
        if (body != null && object(body, "usage") != null) {
            return located(body, object(body, "usage"), "response.body.usage");
        }
        JsonNode response = object(line, "response");
        if (response != null && object(response, "usage") != null) {
            return located(response, object(response, "usage"), "response.usage");
        }
        if (object(line, "usage") != null) {
            return located(line, object(line, "usage"), "usage");
        }
        return located(line, line, "$");
    }

    private static Located located(JsonNode response, JsonNode usage, String path) {
        Shape shape;
        if (usage.has("prompt_tokens") || usage.has("completion_tokens")) {
            shape = Shape.OPENAI_CHAT;
        } else if (usage.has("cache_read_input_tokens") || usage.has("cache_creation_input_tokens")
                || usage.has("cache_creation") || "message".equals(text(response, "type"))) {
            shape = Shape.ANTHROPIC;
        } else if (usage.has("input_tokens") || usage.has("output_tokens")) {
            shape = Shape.OPENAI_RESPONSES;
        } else {
            return null;
        }
        return new Located(response, usage, path, shape);
    }

    @Override
    public void accept(SourceLine line, ObjectNode json, Emitter out) {
        Located found = locate(json);
        if (found == null) {
            out.ignored(line, "line without a usage object");
            return;
        }
        String model = firstText(found.response(), "model");
        if (model == null) {
            model = firstText(json, "model");
        }
        if (model == null) {
            model = text(found.usage(), "model");
        }
        if (model == null) {
            out.problem(line, "usage without a model (looked for model beside " + found.path() + ")");
            return;
        }
        Usage usage;
        Instant occurredAt = null;
        BigDecimal cost = null;
        try {
            usage = switch (found.shape()) {
                case OPENAI_CHAT -> UsageMapping.openAiChat(found.usage(), found.path());
                case ANTHROPIC -> UsageMapping.anthropic(found.usage(), found.path());
                case OPENAI_RESPONSES -> UsageMapping.openAiResponses(found.usage(), found.path());
            };
            for (JsonNode holder : new JsonNode[] {json, found.response()}) {
                for (String field : TIME_FIELDS) {
                    if (occurredAt == null) {
                        occurredAt = JsonFields.time(holder, field, field);
                    }
                }
            }
            for (JsonNode holder : new JsonNode[] {json, found.response(), found.usage()}) {
                for (String field : new String[] {"cost_usd", "costUSD", "cost"}) {
                    if (cost == null && JsonFields.at(holder, field) != null && holder.get(field).isNumber()) {
                        cost = JsonFields.decimal(holder, field, field);
                    }
                }
            }
        } catch (BadLineException e) {
            out.problem(line, e.getMessage());
            return;
        }
        boolean timeFromFile = occurredAt == null;
        String id = firstText(json, ID_FIELDS);
        String responseId = firstText(found.response(), ID_FIELDS);
        String session = firstText(json, SESSION_FIELDS);
        if (session == null) {
            session = text(json, "metadata", "session_id");
        }
        TurnBuilder turn = TurnBuilder.turn()
                .eventId(responseId != null ? EventIds.hashed("usage:", "response", responseId)
                        : id != null ? EventIds.hashed("usage:", "id", id)
                        : EventIds.ofLine("usage:", file, line))
                .occurredAt(timeFromFile ? file.modifiedAt() : occurredAt)
                .sessionId(session != null ? session : file.baseName())
                .model(model)
                .provider(firstText(json, "provider"))
                .project(firstText(json, "project"))
                .agent(firstText(json, "agent"))
                .userId(firstText(json, "user_id", "user"))
                .usage(usage)
                .reportedCostUsd(cost)
                .label("source", Format.USAGE.id())
                .label("usage_shape", found.shape().name().toLowerCase(java.util.Locale.ROOT));
        if (timeFromFile) {
            turn.label("occurred_at_from", "file_modified_time");
        }
        out.event(turn.build(), line);
    }
}
