package io.agentmeter.query.series;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Params;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/burn-rate")
@Tag(name = "figures")
@SecurityRequirement(name = "queryKey")
public class BurnRateResource {

    private final BurnRateService service;
    private final Params params;
    private final CurrentCaller caller;

    public BurnRateResource(BurnRateService service, Params params, CurrentCaller caller) {
        this.service = service;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Cost per hour and per day, projected to the end of the day and month (in tz)",
            description = "from/to are ignored; the windows end at `at` (default now). Filters apply.")
    public BurnRate get(@BeanParam CommonParams common,
                        @QueryParam("at") @Parameter(description = "The instant to measure at, RFC 3339; default"
                                + " now") String at) {
        Instant when = at == null || at.isEmpty() ? params.now() : Params.instant("at", at);
        CommonParams windowless = new CommonParams();
        windowless.project = common.project;
        windowless.agent = common.agent;
        windowless.model = common.model;
        windowless.provider = common.provider;
        windowless.label = common.label;
        windowless.tz = common.tz;
        windowless.to = when.toString();
        windowless.from = when.minusSeconds(1).toString();
        return service.burnRate(params.filter(caller.get(), windowless), when);
    }
}
