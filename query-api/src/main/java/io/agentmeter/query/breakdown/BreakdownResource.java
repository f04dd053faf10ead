package io.agentmeter.query.breakdown;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.figures.Metric;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.PageParams;
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

@Path("/v1/breakdown")
@Tag(name = "figures")
@SecurityRequirement(name = "queryKey")
public class BreakdownResource {

    private final BreakdownService service;
    private final Params params;
    private final CurrentCaller caller;

    public BreakdownResource(BreakdownService service, Params params, CurrentCaller caller) {
        this.service = service;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "A metric by agent role, tool, model, provider or project (bar and pie charts)",
            description = "Largest first, with each item's share of the total. Served from the rollups where the"
                    + " filter allows.")
    public Breakdown get(@BeanParam CommonParams common, @BeanParam PageParams page,
                         @QueryParam("by") @Parameter(description = "agent, tool, model, provider or project")
                         String by,
                         @QueryParam("metric") @Parameter(description = "cost (default) or any series metric")
                         String metric) {
        Filter filter = params.filter(caller.get(), common);
        Dimension d = Params.one("by", by, Dimension::parse, "agent, tool, model, provider, project", null);
        Metric m = Params.one("metric", metric, Metric::parse, Metric.names(), Metric.COST);
        return service.breakdown(filter, d, m, params.page(page, BreakdownService.scope(filter, d, m)));
    }
}
