package io.agentmeter.query.summary;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/summary")
@Tag(name = "figures")
@SecurityRequirement(name = "queryKey")
public class SummaryResource {

    private final SummaryService service;
    private final Params params;
    private final CurrentCaller caller;

    public SummaryResource(SummaryService service, Params params, CurrentCaller caller) {
        this.service = service;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Totals of a range and of the previous period of equal length",
            description = "Turns, sessions, errors, each token kind with its coverage, cost with priced / unpriced /"
                    + " incomplete counts. Served from the rollups unless a label is filtered.")
    public Summary get(@BeanParam CommonParams common,
                       @QueryParam("latency") @Parameter(description = "true to add latency quantiles (merges the"
                               + " rollups' sketches; slower)") boolean latency) {
        return service.summary(params.filter(caller.get(), common), latency);
    }
}
