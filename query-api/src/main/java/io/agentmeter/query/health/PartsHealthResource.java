package io.agentmeter.query.health;

import io.agentmeter.query.auth.AuthFilter;
import io.agentmeter.query.auth.Authenticator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

@Path(AuthFilter.HEALTH_PARTS)
@Tag(name = "meta")
@SecurityRequirement(name = "queryKey")
public class PartsHealthResource {

    private final PartsHealthService health;
    private final Authenticator authenticator;

    public PartsHealthResource(PartsHealthService health, Authenticator authenticator) {
        this.health = health;
        this.authenticator = authenticator;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "The state of every part (query API, PostgreSQL, gateway, Kafka, aggregator, writer), for the"
            + " dashboard's health bar",
            description = "Each part up, down or unknown, since when, and why. Probed with short timeouts"
                    + " (agentmeter.health.timeout) and reused for agentmeter.health.cache-ttl. Any query key;"
                    + " 200 whatever is down, also while PostgreSQL cannot check the key (then only this server and"
                    + " PostgreSQL are told, unless PostgreSQL confirmed the key within agentmeter.auth.outage-grace)."
                    + " See docs/query-api.md, Health of the parts.")
    public PartsHealth get(@HeaderParam(HttpHeaders.AUTHORIZATION) @Parameter(hidden = true) String authorization) {
        return authenticator.authenticateOrRecall(authorization).isPresent() ? health.current()
                : health.withoutKey("PostgreSQL did not answer the query key's lookup");
    }
}
