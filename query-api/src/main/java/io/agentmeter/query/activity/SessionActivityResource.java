package io.agentmeter.query.activity;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.http.FormatFilter;
import io.agentmeter.query.http.PagedAnswer;
import io.agentmeter.query.params.PageParams;
import io.agentmeter.query.params.Params;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/sessions/{session_id}/activity")
@Tag(name = "activity")
@SecurityRequirement(name = "queryKey")
public class SessionActivityResource {

    private final ActivityService service;
    private final Params params;
    private final CurrentCaller caller;
    private final PagedAnswer answer;

    public SessionActivityResource(ActivityService service, Params params, CurrentCaller caller, PagedAnswer answer) {
        this.service = service;
        this.params = params;
        this.caller = caller;
        this.answer = answer;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, FormatFilter.NDJSON, Csv.MEDIA_TYPE})
    @Operation(summary = "One session's transcript: its activity interleaved with its turns, in time order",
            description = "Entries ordered by occurred_at, then type (activity before turn), then event_id; paged by"
                    + " an opaque cursor (next_cursor, also in the Next-Cursor header) that rows stored later never"
                    + " shift. payload is developer-only: a viewer key gets null and payload_withheld. JSON (default),"
                    + " NDJSON (one entry per line) or CSV, by Accept or format.")
    @APIResponse(responseCode = "200", description = "A page of the transcript", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Transcript.class)),
            @Content(mediaType = FormatFilter.NDJSON, schema = @Schema(implementation = TranscriptEntry.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Response get(@PathParam("session_id") String sessionId, @BeanParam PageParams page,
                        @Context HttpHeaders headers) {
        Transcript transcript = service.transcript(caller.get(), sessionId,
                params.page(page, ActivityService.transcriptScope(caller.get().tenantId(), sessionId)));
        return answer.of(transcript, transcript.entries(), transcript.nextCursor(), headers);
    }
}
