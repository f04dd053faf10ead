package io.agentmeter.query.activity;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters only activity lists take, besides the common ones. Read as text and checked by the service. */
public class ActivityParams {

    @QueryParam("kind")
    @Parameter(description = "Only sessions with an entry of this kind: tool_call, tool_decision, reply, error,"
            + " user_prompt, api_request, system; repeat for any of several.")
    public List<String> kind;

    @QueryParam("user_id")
    @Parameter(description = "Only sessions with an entry of this user; repeat for any of several.")
    public List<String> userId;
}
