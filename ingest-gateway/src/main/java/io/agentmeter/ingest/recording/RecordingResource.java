package io.agentmeter.ingest.recording;

import io.agentmeter.ingest.auth.Authenticator;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.http.BodyHeaders;
import io.agentmeter.ingest.http.JsonBody;
import io.agentmeter.schema.recording.Recording;
import io.agentmeter.schema.validation.TurnLimits;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/recordings}: start, stop and list a tenant's recordings, with an ingest key. */
@Path("/v1/recordings")
@Tag(name = "recordings")
@SecurityRequirement(name = "apiKey")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingResource {

    private static final Pattern RECORDING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The answer of a start: the recording and the user's recordings it stopped. */
    public record StartAnswer(Recording recording, List<Recording> stoppedRecordings) {
    }

    /** The answer of {@code GET /v1/recordings/active}. */
    public record ActiveAnswer(List<Recording> recordings) {
    }

    private final Authenticator authenticator;
    private final RecordingService recordings;

    public RecordingResource(Authenticator authenticator, RecordingService recordings) {
        this.authenticator = authenticator;
        this.recordings = recordings;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start a recording", description = "Body: {\"name\": \"gpt-5 vs sonnet\", \"user_id\":"
            + " \"u-1\", \"config\": {optional JSON object, at most 16 KiB}, \"recording_id\": optional client id"
            + " (letters, digits, . _ : -; makes a retried start harmless)}. A user has at most one active"
            + " recording: starting one stops the user's active recording (listed in stopped_recordings). 201 with the"
            + " new recording; 200 when recording_id names an existing recording of the same user.")
    public Response start(@BeanParam BodyHeaders headers, InputStream body) {
        Caller caller = authenticator.ingestCaller(headers.authorization());
        JsonBody request = JsonBody.read(body, headers);
        String name = request.requiredText("name", JsonBody.MAX_TEXT_CHARS);
        String userId = request.requiredText("user_id", TurnLimits.MAX_ID_LENGTH);
        var config = request.optionalSnapshot("config");
        String recordingId = request.optionalText("recording_id", 128);
        if (recordingId != null && !RECORDING_ID.matcher(recordingId).matches()) {
            request.fail("recording_id", "must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        request.requireValid();
        RecordingService.Started started = recordings.start(caller.tenantId(), userId, name, config, recordingId);
        return Response.status(started.created() ? 201 : 200)
                .entity(new StartAnswer(started.recording(), started.stopped()))
                .build();
    }

    @POST
    @Path("/{recording_id}/stop")
    @Operation(summary = "Stop a recording", description = "Sets stopped_at; stopping a stopped recording changes"
            + " nothing. 404 for a recording of no such id in the key's tenant.")
    public Recording stop(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @PathParam("recording_id") String recordingId) {
        Caller caller = authenticator.ingestCaller(authorization);
        return recordings.stop(caller.tenantId(), recordingId);
    }

    @GET
    @Path("/active")
    @Operation(summary = "Active recordings", description = "The key's tenant's active recordings, or one user's"
            + " with ?user_id=.")
    public ActiveAnswer active(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @QueryParam("user_id") String userId) {
        Caller caller = authenticator.ingestCaller(authorization);
        return new ActiveAnswer(recordings.active(caller.tenantId(), Optional.ofNullable(userId)
                .filter(u -> !u.isBlank())));
    }
}
