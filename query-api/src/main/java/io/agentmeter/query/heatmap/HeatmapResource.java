package io.agentmeter.query.heatmap;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.figures.Metric;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Filter;
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

@Path("/v1/heatmap")
@Tag(name = "figures")
@SecurityRequirement(name = "queryKey")
public class HeatmapResource {

    private final HeatmapService service;
    private final Params params;
    private final CurrentCaller caller;

    public HeatmapResource(HeatmapService service, Params params, CurrentCaller caller) {
        this.service = service;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Day of week x hour of day of turns, tokens or cost, in tz",
            description = "From the hourly rollups (minute rollups in zones with a half-hour offset).")
    public Heatmap get(@BeanParam CommonParams common,
                       @QueryParam("metric") @Parameter(description = "turns (default), cost, errors or a token"
                               + " kind (input_tokens, output_tokens, total_tokens, ...)") String metric) {
        Filter filter = params.filter(caller.get(), common);
        Metric m = Params.one("metric", metric, Metric::parse, Metric.names(), Metric.TURNS);
        if (!m.isAdditive()) {
            throw ApiException.badParameter("metric", "must add up across hours (turns, errors, cost or a token"
                    + " kind), got \"" + m.value() + "\"");
        }
        return service.heatmap(filter, m);
    }
}
