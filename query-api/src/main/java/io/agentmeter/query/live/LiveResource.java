package io.agentmeter.query.live;

import io.agentmeter.query.auth.CurrentCaller;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

@Path("/v1/live")
@Tag(name = "live")
@SecurityRequirement(name = "queryKey")
public class LiveResource {

    private final LiveHub hub;
    private final CurrentCaller caller;

    public LiveResource(LiveHub hub, CurrentCaller caller) {
        this.hub = hub;
        this.caller = caller;
    }

    /** Blocking: joining reads PostgreSQL (the missed turns of a resumed stream); the events flow afterwards. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    // Proxies (nginx) would otherwise buffer the stream and hold the events back.
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(summary = "Server-Sent Events: each new turn of the tenant, the active sessions, heartbeats",
            description = "event: turn (id: its position; data: a turn as in /v1/sessions/{session_id}, prompt_text"
                    + " and params only for developer and admin keys); event: sessions (data: the sessions with a turn"
                    + " in the active window and their running totals, every agentmeter.live.sessions-interval);"
                    + " comments as heartbeats. Send Last-Event-ID to resume after a turn event. See"
                    + " docs/query-api.md, Live updates.")
    public Multi<OutboundSseEvent> stream(
            @HeaderParam(StoredPosition.HEADER) @Parameter(description = "The id of the last turn event received;"
                    + " the stream starts with the turns stored after it") String lastEventId,
            @Context Sse sse) {
        Optional<StoredPosition> after = lastEventId == null || lastEventId.isBlank() ? Optional.empty()
                : Optional.of(StoredPosition.parse(lastEventId));
        return hub.subscribe(caller.get(), after).events().map(event -> event.toSse(sse));
    }
}
