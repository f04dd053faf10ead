package io.agentmeter.query.export;

import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.http.FormatFilter;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.Params;
import io.agentmeter.query.turns.Includes;
import io.agentmeter.query.turns.TurnRepository;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/export/turns")
@Tag(name = "export")
@SecurityRequirement(name = "queryKey")
public class ExportResource {

    private final ExportService service;
    private final Params params;
    private final CurrentCaller caller;

    public ExportResource(ExportService service, Params params, CurrentCaller caller) {
        this.service = service;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Produces({FormatFilter.NDJSON, Csv.MEDIA_TYPE})
    @Operation(summary = "The turns of a filter, streamed, in time order",
            description = "NDJSON (one turn per line, default) or CSV (Accept: text/csv or format=csv). Bounded"
                    + " memory whatever the range. prompt_text and params with include (developer role).")
    public Response ndjson(@BeanParam CommonParams common,
                           @QueryParam("include") @Parameter(description = "prompt_text, params; developer role")
                           List<String> include,
                           @jakarta.ws.rs.HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Filter filter = params.filter(caller.get(), common);
        TurnRepository.Include wanted = Includes.parse(include);
        boolean csv = accept != null && accept.contains(Csv.MEDIA_TYPE) && !accept.contains(FormatFilter.NDJSON);
        return Response.ok(service.export(caller.get(), filter, wanted, csv))
                .type(csv ? Csv.MEDIA_TYPE + "; charset=utf-8" : FormatFilter.NDJSON)
                .header("Content-Disposition", "attachment; filename=\"turns." + (csv ? "csv" : "ndjson") + "\"")
                .build();
    }
}
