package io.agentmeter.ingest.turns;

import io.agentmeter.ingest.http.ApiError;
import io.agentmeter.ingest.http.BodyHeaders;
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

/** {@code POST /v1/turns}: turn events as one JSON object, a JSON array or NDJSON, optionally gzip-compressed. */
@Path("/v1/turns")
@Tag(name = "turns")
public class TurnResource {

    private final BatchExchange exchange;
    private final TurnIngestor ingestor;

    public TurnResource(BatchExchange exchange, TurnIngestor ingestor) {
        this.exchange = exchange;
        this.ingestor = ingestor;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Send turn events",
            description = "One turn event (JSON object), several (JSON array), or one per line (Content-Type:"
                    + " application/x-ndjson); Content-Encoding: gzip accepted. The answer comes only after Kafka"
                    + " acknowledged every accepted event. Mixed batches: every valid item is accepted and every"
                    + " invalid item is listed with all its errors (index, event_id, JSON path, reason); the status is"
                    + " 200 when all items were accepted and 400 when any was rejected, the valid ones being accepted"
                    + " all the same. Any non-2xx answer may be retried safely: events are deduplicated downstream"
                    + " by event_id. The payload's tenant_id is replaced by the key's tenant, and a project-bound"
                    + " key's project replaces the payload's project.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT,
                    description = "A turn event (schema v1) or an array of them"),
                    examples = @ExampleObject(name = "one event", value = """
                            {"event_id": "evt-1", "occurred_at": "2025-06-01T12:00:00Z", "session_id": "s-1",
                             "model": "claude-sonnet-4-5", "usage": {"input_tokens": 1200, "output_tokens": 300}}""")),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING,
                    description = "One turn event per line; blank lines are skipped"))})
    @APIResponse(responseCode = "200", description = "Every item accepted and acknowledged by Kafka",
            content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "Some items rejected (rejected_items says why; the valid items"
            + " were accepted and acknowledged), or the body is not JSON",
            content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an ingest key",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Body larger than agentmeter.ingest.max-body-bytes (as sent or"
            + " inflated), or more than agentmeter.ingest.max-events events",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Content-Type or Content-Encoding not supported",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "The key is over its rate limit; see Retry-After",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Kafka (or PostgreSQL for the key check) did not answer in"
            + " time; see Retry-After. Nothing may be assumed accepted: resend.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response ingest(@BeanParam BodyHeaders headers, InputStream body) {
        return exchange.answer(headers, body, ingestor::ingest);
    }
}
