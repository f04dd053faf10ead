package io.agentmeter.ingest.activity;

import io.agentmeter.ingest.http.ApiError;
import io.agentmeter.ingest.http.BodyHeaders;
import io.agentmeter.ingest.turns.BatchExchange;
import io.agentmeter.ingest.turns.BatchResult;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/activity}: activity events (schema v1) as one JSON object, a JSON array or NDJSON, optionally
 * gzip-compressed; the same authentication, limits, mixed-batch rule and answers as {@code POST /v1/turns}.
 */
@Path("/v1/activity")
@Tag(name = "activity")
public class ActivityResource {

    private final BatchExchange exchange;
    private final ActivityIngestor ingestor;

    public ActivityResource(BatchExchange exchange, ActivityIngestor ingestor) {
        this.exchange = exchange;
        this.ingestor = ingestor;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Send activity events",
            description = "What an agent did between its turns (tool_call, tool_decision, reply, error, user_prompt,"
                    + " api_request, system): one activity event (JSON object), several (JSON array), or one per line"
                    + " (Content-Type: application/x-ndjson); Content-Encoding: gzip accepted. Never counted as"
                    + " spend. As for /v1/turns: the answer comes only after Kafka acknowledged every accepted event;"
                    + " every valid item is accepted and every invalid one listed with its errors (200 when all were"
                    + " accepted, 400 when any was rejected); any non-2xx answer may be retried (events are"
                    + " deduplicated by event_id). A payload over 32768 bytes is cut with the marker"
                    + " '…[truncated N bytes]', never rejected; it is dropped when the tenant keeps no payloads.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT,
                    description = "An activity event (schema v1) or an array of them"),
                    examples = @ExampleObject(name = "one event", value = """
                            {"event_id": "act-1", "occurred_at": "2025-06-01T12:00:03Z", "session_id": "s-1",
                             "kind": "tool_call", "name": "Bash", "status": "ok", "duration_ms": 840,
                             "payload": "{\"command\": \"ls\"}"}""")),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING,
                    description = "One activity event per line; blank lines are skipped"))})
    @APIResponse(responseCode = "200", description = "Every item accepted and acknowledged by Kafka",
            content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "Some items rejected (the valid ones were accepted), or the body"
            + " is not JSON", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an ingest key",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Body or event count over the limits",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Content-Type or Content-Encoding not supported",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "The key is over its rate limit; see Retry-After",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Kafka or PostgreSQL did not answer in time; resend",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response ingest(@BeanParam BodyHeaders headers, InputStream body) {
        return exchange.answer(headers, body, ingestor::ingest);
    }
}
