package io.agentmeter.query.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.http.FormatFilter;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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

    /** The next page's cursor, on every format (CSV and NDJSON have no place for it in the body). */
    public static final String NEXT_CURSOR = "Next-Cursor";

    private final ActivityService service;
    private final Params params;
    private final CurrentCaller caller;
    private final ObjectWriter json;

    public SessionActivityResource(ActivityService service, Params params, CurrentCaller caller, ObjectMapper mapper) {
        this.service = service;
        this.params = params;
        this.caller = caller;
        this.json = mapper.writer();
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
        MediaType format = format(headers);
        Response.ResponseBuilder answer;
        if (format.equals(NDJSON_TYPE)) {
            StreamingOutput lines = output -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
                for (TranscriptEntry entry : transcript.entries()) {
                    out.write(json.writeValueAsString(entry));
                    out.write('\n');
                }
                out.flush();
            };
            answer = Response.ok(lines, FormatFilter.NDJSON);
        } else {
            answer = Response.ok(transcript, format.equals(CSV_TYPE) ? Csv.MEDIA_TYPE + "; charset=utf-8"
                    : MediaType.APPLICATION_JSON);
        }
        if (transcript.nextCursor() != null) {
            answer.header(NEXT_CURSOR, transcript.nextCursor());
        }
        return answer.build();
    }

    private static final MediaType NDJSON_TYPE = MediaType.valueOf(FormatFilter.NDJSON);
    private static final MediaType CSV_TYPE = MediaType.valueOf(Csv.MEDIA_TYPE);

    /** The first format the client accepts, in its order of preference; JSON for anything (or nothing) accepted. */
    private static MediaType format(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            for (MediaType offered : new MediaType[] {MediaType.APPLICATION_JSON_TYPE, NDJSON_TYPE, CSV_TYPE}) {
                if (accepted.isCompatible(offered)) {
                    return offered;
                }
            }
        }
        return MediaType.APPLICATION_JSON_TYPE;
    }
}
