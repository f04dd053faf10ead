package io.agentmeter.query.sessions;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.PageParams;
import io.agentmeter.query.params.Params;
import io.agentmeter.query.turns.Includes;
import io.agentmeter.query.turns.TurnRepository;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/sessions")
@Tag(name = "sessions")
@SecurityRequirement(name = "queryKey")
public class SessionsResource {

    private final SessionService service;
    private final Params params;
    private final CurrentCaller caller;

    public SessionsResource(SessionService service, Params params, CurrentCaller caller) {
        this.service = service;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Sessions with a turn in the range, with their totals; sortable (top sessions)",
            description = "Totals are over all of a session's turns (session_rollups). Filters other than the range"
                    + " keep the sessions with a matching turn in the range.")
    public SessionPage list(@BeanParam CommonParams common, @BeanParam PageParams page,
                            @QueryParam("sort") @Parameter(description = "cost (default), tokens (input + output),"
                                    + " turns, duration, last_seen") String sort,
                            @QueryParam("order") @Parameter(description = "desc (default) or asc; unknown cost sorts"
                                    + " last either way") String order) {
        Filter filter = params.filter(caller.get(), common);
        SessionSort by = Params.one("sort", sort, SessionSort::parse, "cost, tokens, turns, duration, last_seen",
                SessionSort.COST);
        boolean descending = Params.one("order", order,
                o -> o.equals("desc") ? java.util.Optional.of(true) : o.equals("asc") ? java.util.Optional.of(false)
                        : java.util.Optional.empty(), "desc, asc", true);
        return service.list(filter, by, descending, params.page(page, SessionService.listScope(filter, by,
                descending)));
    }

    @GET
    @Path("/{session_id}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "One session: totals, per-model breakdown, context-window peak, its turns in order",
            description = "Computed from the session's turns. prompt_text and params (developer-only) with include;"
                    + " a viewer key asking for them gets 403. CSV holds the turns.")
    public SessionDetail get(@PathParam("session_id") String sessionId, @BeanParam PageParams page,
                             @QueryParam("include") @Parameter(description = "prompt_text, params (comma-separated"
                                     + " or repeated); developer role") List<String> include) {
        TurnRepository.Include wanted = Includes.parse(include);
        return service.detail(caller.get(), sessionId, wanted,
                params.page(page, SessionService.detailScope(caller.get().tenantId(), sessionId, wanted)));
    }
}
