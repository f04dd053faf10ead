package io.agentmeter.query.compare;

import io.agentmeter.query.auth.Caller;
import io.agentmeter.query.auth.CurrentCaller;
import io.agentmeter.query.auth.Role;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.params.CommonParams;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.params.PageParams;
import io.agentmeter.query.params.Params;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/compare")
@Tag(name = "compare")
@SecurityRequirement(name = "queryKey")
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
public class CompareResource {

    private final CompareService compare;
    private final SideBySideService sideBySide;
    private final Params params;
    private final CurrentCaller caller;

    public CompareResource(CompareService compare, SideBySideService sideBySide, Params params,
                           CurrentCaller caller) {
        this.compare = compare;
        this.sideBySide = sideBySide;
        this.params = params;
        this.caller = caller;
    }

    @GET
    @Path("/models")
    @Operation(summary = "Models on the same prompts",
            description = "Turns whose prompt hash was sent to at least min_models of the selected models: per model"
                    + " turns, mean and median input/output tokens, cost per turn, exact latency quantiles, error"
                    + " rate. From the turns table.")
    public ModelComparison models(@BeanParam CommonParams common,
                                  @QueryParam("prompt_hash") @Parameter(description = "Only these prompts; repeat")
                                  List<String> promptHash,
                                  @QueryParam("min_models") @Parameter(description = "How many models a prompt must"
                                          + " have been sent to (default 2, or the number of model filters)")
                                  String minModels) {
        Filter filter = params.filter(caller.get(), common);
        int fallback = Math.max(2, filter.models().size());
        int min = minModels == null ? fallback : Params.integer("min_models", minModels, 1, 50);
        return compare.models(filter, hashes(promptHash), min);
    }

    @GET
    @Path("/counterfactual")
    @Operation(summary = "What the selected turns would have cost on another model, same token counts",
            description = "Each turn priced by the cost engine at the target model's price in force at the turn's"
                    + " time. From the turns table, streamed.")
    public Counterfactual counterfactual(@BeanParam CommonParams common,
                                         @QueryParam("target_model") @Parameter(description = "The model to price"
                                                 + " at, as the price book names it") String targetModel,
                                         @QueryParam("target_provider") @Parameter(description = "Its provider, to"
                                                 + " pick that provider's price") String targetProvider,
                                         @QueryParam("prompt_hash") List<String> promptHash) {
        Filter filter = params.filter(caller.get(), common);
        if (targetModel == null || targetModel.isBlank()) {
            throw ApiException.badParameter("target_model", "is required");
        }
        return compare.counterfactual(filter, hashes(promptHash), targetModel.strip(),
                targetProvider == null || targetProvider.isBlank() ? null : targetProvider.strip());
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "2 to 5 sessions side by side: figures of each, turns aligned by position")
    public SideBySide sessions(@QueryParam("session") @Parameter(description = "A session id; give 2 to 5")
                               List<String> session, @BeanParam PageParams page) {
        Caller who = caller.get();
        List<String> ids = SideBySideService.ids("session", session);
        return sideBySide.compare(who.tenantId(), "session", "session_id", ids,
                params.page(page, SideBySideService.scope(who.tenantId(), "session", ids)));
    }

    @GET
    @Path("/recordings")
    @Operation(summary = "2 to 5 recordings side by side (developer role)")
    public SideBySide recordings(@QueryParam("recording") @Parameter(description = "A recording id; give 2 to 5")
                                 List<String> recording, @BeanParam PageParams page) {
        Caller who = caller.get();
        who.require(Role.DEVELOPER, "recordings");
        List<String> ids = SideBySideService.ids("recording", recording);
        return sideBySide.compare(who.tenantId(), "recording", "recording_id", ids,
                params.page(page, SideBySideService.scope(who.tenantId(), "recording", ids)));
    }

    private static List<String> hashes(List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > 1000 || given.stream().anyMatch(h -> h == null || h.isEmpty() || h.length() > 256)) {
            throw ApiException.badParameter("prompt_hash", "must be up to 1000 non-empty hashes of up to 256"
                    + " characters");
        }
        return List.copyOf(given);
    }
}
