package io.agentmeter.query.params;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filter parameters every list and series endpoint takes. Read as text and checked by {@link Params}. */
public class CommonParams {

    @QueryParam("from")
    @Parameter(description = "Start of the range, inclusive, RFC 3339 (e.g. 2026-01-31T00:00:00Z; encode + as %2B)."
            + " Default: `to` minus 7 days.")
    public String from;

    @QueryParam("to")
    @Parameter(description = "End of the range, exclusive, RFC 3339. Default: now.")
    public String to;

    @QueryParam("project")
    @Parameter(description = "Only turns of this project; repeat for any of several.")
    public List<String> project;

    @QueryParam("agent")
    @Parameter(description = "Only turns of this agent (role, node, worker); repeat for any of several.")
    public List<String> agent;

    @QueryParam("model")
    @Parameter(description = "Only turns of this model, as the turns name it; repeat for any of several.")
    public List<String> model;

    @QueryParam("provider")
    @Parameter(description = "Only turns of this provider; repeat for any of several.")
    public List<String> provider;

    @QueryParam("label")
    @Parameter(description = "Only turns carrying this label, as key:value (value may be empty); repeat to require"
            + " several.")
    public List<String> label;

    @QueryParam("tz")
    @Parameter(description = "IANA time zone for calendar buckets (day, week, month, heatmap hours), e.g."
            + " Europe/Berlin. Default UTC.")
    public String tz;
}
