package io.agentmeter.query.recordings;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.PageParams;
import io.agentmeter.query.params.Params;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/recordings")
@Tag(name = "recordings")
@SecurityRequirement(name = "queryKey")
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
public class RecordingsResource {

    private final RecordingService service;
    private final Params params;
    private final CurrentCaller caller;

    public RecordingsResource(RecordingService service, Params params, CurrentCaller caller) {
        this.service = service;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Recordings running in the range, newest first, with their figures (developer role)")
    public RecordingPage list(@BeanParam CommonParams common, @BeanParam PageParams page) {
        Filter filter = params.filter(caller.get(), common);
        return service.list(caller.get(), filter, params.page(page, RecordingService.scope(filter)));
    }

    @GET
    @Path("/{recording_id}")
    @Operation(summary = "One recording: figures in total, per model and per session (developer role)")
    public RecordingDetail get(@PathParam("recording_id") String recordingId) {
        return service.detail(caller.get(), recordingId);
    }
}
