package io.agentmeter.query.activity;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.http.FormatFilter;
import io.agentmeter.query.http.PagedAnswer;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.PageParams;
import io.agentmeter.query.params.Params;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

@Path("/v1/activity/sessions")
@Tag(name = "activity")
@SecurityRequirement(name = "queryKey")
public class ActivitySessionsResource {

    private final ActivityService service;
    private final Params params;
    private final CurrentCaller caller;
    private final PagedAnswer answer;

    public ActivitySessionsResource(ActivityService service, Params params, CurrentCaller caller,
                                    PagedAnswer answer) {
        this.service = service;
        this.params = params;
        this.caller = caller;
        this.answer = answer;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, FormatFilter.NDJSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Sessions (runs) with activity in the range, latest activity first",
            description = "Each with its first and last activity of the range, its entries of the range counted per"
                    + " kind, its error entries and whether it has turns. Filters (project, agent, model, provider,"
                    + " user_id, kind) keep the sessions with a matching entry in the range; label is refused"
                    + " (activity carries no labels). Any query key: no payload is shown here. JSON (default), NDJSON"
                    + " (one session per line) or CSV, by Accept or format; the next page's cursor also in the"
                    + " Next-Cursor header.")
    @APIResponse(responseCode = "200", description = "A page of sessions with activity", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ActivitySessionPage.class)),
            @Content(mediaType = FormatFilter.NDJSON, schema = @Schema(implementation = ActivitySession.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Response list(@BeanParam CommonParams common, @BeanParam ActivityParams extra,
                         @BeanParam PageParams page, @Context HttpHeaders headers) {
        Filter base = params.filter(caller.get(), common);
        ActivityFilter filter = ActivityService.filter(base, common, extra);
        ActivitySessionPage sessions = service.sessions(filter,
                params.page(page, ActivityService.sessionsScope(filter)));
        return answer.of(sessions, sessions.items(), sessions.nextCursor(), headers);
    }
}
