package io.agentmeter.query.activity;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.PageParams;
import io.agentmeter.query.params.Params;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/activity/sessions")
@Tag(name = "activity")
@SecurityRequirement(name = "queryKey")
public class ActivitySessionsResource {

    private final ActivityService service;
    private final Params params;
    private final CurrentCaller caller;

    public ActivitySessionsResource(ActivityService service, Params params, CurrentCaller caller) {
        this.service = service;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Sessions (runs) with activity in the range, latest activity first",
            description = "Each with its first and last activity of the range, its entries of the range counted per"
                    + " kind, its error entries and whether it has turns. Filters (project, agent, model, provider,"
                    + " user_id, kind) keep the sessions with a matching entry in the range; label is refused"
                    + " (activity carries no labels). Any query key: no payload is shown here.")
    public ActivitySessionPage list(@BeanParam CommonParams common, @BeanParam ActivityParams extra,
                                    @BeanParam PageParams page) {
        Filter base = params.filter(caller.get(), common);
        ActivityFilter filter = ActivityService.filter(base, common, extra);
        return service.sessions(filter, params.page(page, ActivityService.sessionsScope(filter)));
    }
}
