package io.agentmeter.query.series;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.config.QueryConfig;
import io.agentmeter.query.figures.Metric;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.Interval;
import io.agentmeter.query.params.PageParams;
import io.agentmeter.query.params.Params;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/series")
@Tag(name = "figures")
@SecurityRequirement(name = "queryKey")
public class SeriesResource {

    private final SeriesService service;
    private final Params params;
    private final CurrentCaller caller;
    private final QueryConfig config;

    public SeriesResource(SeriesService service, Params params, CurrentCaller caller, QueryConfig config) {
        this.service = service;
        this.params = params;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "A metric by interval, optionally grouped",
            description = "Buckets are calendar units in tz. Paged by buckets: limit is the number of buckets per"
                    + " page (default and most: agentmeter.query.max-points). Served from the rollups unless a"
                    + " label is filtered or the grouping and filters need dimensions of two rollup tables.")
    public Series get(@BeanParam CommonParams common, @BeanParam PageParams page,
                      @QueryParam("metric") @Parameter(description = "cost, input_tokens, output_tokens,"
                              + " cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens,"
                              + " total_tokens, turns, errors, latency_p50_ms, latency_p95_ms, latency_p99_ms,"
                              + " output_tokens_per_second") String metric,
                      @QueryParam("interval") @Parameter(description = "minute, hour (default), day, week, month")
                      String interval,
                      @QueryParam("group_by") @Parameter(description = "model, provider, agent, project or tool")
                      String groupBy) {
        Filter filter = params.filter(caller.get(), common);
        Metric m = Params.one("metric", metric, Metric::parse, Metric.names(), null);
        Interval i = Params.one("interval", interval, Interval::parse, "minute, hour, day, week, month",
                Interval.HOUR);
        Optional<Dimension> group = groupBy == null || groupBy.isEmpty() ? Optional.empty()
                : Optional.of(Params.one("group_by", groupBy, Dimension::parse,
                        "model, provider, agent, project, tool", null));
        int points = config.query().maxPoints();
        return service.series(filter, m, i, group,
                params.page(page, SeriesService.scope(filter, m, i, group), points, points));
    }
}
