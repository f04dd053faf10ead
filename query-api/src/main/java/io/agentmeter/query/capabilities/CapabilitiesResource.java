package io.agentmeter.query.capabilities;

import io.agentmeter.query.config.QueryConfig;
import io.agentmeter.query.figures.Metric;
import io.agentmeter.query.live.LiveConfig;
import io.agentmeter.query.live.LiveEvent;
import io.agentmeter.query.live.StoredPosition;
import io.agentmeter.query.params.Dimension;
import io.agentmeter.query.params.Interval;
import io.agentmeter.query.sessions.SessionSort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/capabilities")
@Tag(name = "meta")
public class CapabilitiesResource {

    public static final int MAX_COMPARED = 5;
    private static final List<String> ENDPOINTS = List.of("/v1/summary", "/v1/series", "/v1/burn-rate",
            "/v1/sessions", "/v1/sessions/{session_id}", "/v1/sessions/{session_id}/activity",
            "/v1/activity/sessions", "/v1/compare/models", "/v1/compare/counterfactual",
            "/v1/compare/sessions", "/v1/compare/recordings", "/v1/breakdown", "/v1/heatmap", "/v1/recordings",
            "/v1/recordings/{recording_id}", "/v1/export/turns", "/v1/live", "/v1/health/parts", "/v1/capabilities");

    private final QueryConfig config;
    private final LiveConfig live;
    private final GatewayLink gateway;

    public CapabilitiesResource(QueryConfig config, LiveConfig live, GatewayLink gateway) {
        this.config = config;
        this.live = live;
        this.gateway = gateway;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "API version and what it supports; no key needed")
    public Capabilities get() {
        QueryConfig.Query q = config.query();
        return new Capabilities(CapabilitiesVersion.API_VERSION, ENDPOINTS,
                Arrays.stream(Metric.values()).map(Metric::value).toList(),
                Arrays.stream(Interval.values()).map(Interval::value).toList(),
                Arrays.stream(Dimension.values()).map(Dimension::value).toList(),
                Arrays.stream(SessionSort.values()).map(SessionSort::value).toList(),
                List.of("turns", "tokens", "cost"),
                List.of("json", "csv", "ndjson (export, activity)"),
                List.of("viewer", "developer", "admin"),
                List.of("recordings", "compare/recordings", "prompt_text", "params"),
                new Capabilities.Limits(q.maxRange().toDays(), q.maxLimit(), q.maxPoints(), MAX_COMPARED),
                new Capabilities.Live("/v1/live", List.of(LiveEvent.TURN, LiveEvent.SESSIONS), StoredPosition.HEADER,
                        live.activeWindow().toSeconds(), live.sessionsInterval().toSeconds(),
                        live.heartbeatInterval().toSeconds(), live.maxStreamsPerTenant()),
                gateway.url().filter(url -> !url.isBlank()).orElse(null));
    }
}
